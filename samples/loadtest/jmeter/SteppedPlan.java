// Runs JMeter 2.13's own engine on a stepped HTTP test plan built in code, writing a CSV JTL.
//
// Debian 12's jmeter 2.13 cannot load a .jmx: its SaveService reads plans through the packaged
// xstream 1.4.20, whose allow-list refuses JMeter's classes (ForbiddenClassException:
// org.apache.jmeter.save.ScriptWrapper). The plan is therefore assembled with JMeter's classes
// (TestPlan, ThreadGroup, HTTPSamplerProxy, ResultCollector) and run by StandardJMeterEngine, as
// JMeter's non-GUI mode would run the same plan loaded from a file. The JTL is JMeter's own CSV
// writer's output (ResultCollector with jmeter.save.saveservice.output_format=csv).
//
//   java -cp <jmeter jars>:. SteppedPlan <host> <port> <jtl> <seconds per step> <threads…>
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;

public class SteppedPlan {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String jtl = args[2];
    long seconds = Long.parseLong(args[3]);
    JMeterUtils.setJMeterHome("/usr/share/jmeter");
    JMeterUtils.loadJMeterProperties("/usr/share/jmeter/bin/jmeter.properties");
    JMeterUtils.initLogging();
    JMeterUtils.initLocale();
    JMeterUtils.setProperty("jmeter.save.saveservice.output_format", "csv");
    JMeterUtils.setProperty("jmeter.save.saveservice.print_field_names", "true");

    TestPlan plan = new TestPlan("stepped inventory load");
    plan.setSerialized(true); // the thread groups run one after another: one step each
    HashTree tree = new ListedHashTree(); // keeps the steps in order
    HashTree planTree = tree.add(plan);
    for (int i = 4; i < args.length; i++) {
      int threads = Integer.parseInt(args[i]);
      HTTPSamplerProxy sampler = new HTTPSamplerProxy();
      sampler.setName("inventory op");
      sampler.setDomain(host);
      sampler.setPort(port);
      sampler.setPath("/");
      sampler.setMethod("GET");
      sampler.setUseKeepAlive(true);
      LoopController loop = new LoopController();
      loop.setLoops(-1);
      loop.setContinueForever(true);
      loop.setFirst(true);
      loop.initialize();
      ThreadGroup group = new ThreadGroup();
      group.setName("step " + threads + " threads");
      group.setNumThreads(threads);
      group.setRampUp(0);
      group.setSamplerController(loop);
      group.setScheduler(true);
      group.setDuration(seconds);
      planTree.add(group).add(sampler);
    }
    ResultCollector results = new ResultCollector();
    results.setFilename(jtl);
    planTree.add(results);

    StandardJMeterEngine engine = new StandardJMeterEngine();
    engine.configure(tree);
    engine.run();
    System.exit(0);
  }
}
