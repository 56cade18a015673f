# Locust steps the users up (10 → 25 → 50 → 100 → 200, 6 s each) against inventory_server.mjs;
# generate.sh runs it headless with --csv, which writes the stats and the per-second history.
from locust import LoadTestShape, constant, task
from locust.contrib.fasthttp import FastHttpUser

STEPS = [10, 25, 50, 100, 200]
STEP_SECONDS = 6


class Client(FastHttpUser):
    wait_time = constant(0)

    @task
    def operation(self):
        self.client.get("/")


class Steps(LoadTestShape):
    def tick(self):
        step = int(self.get_run_time() // STEP_SECONDS)
        if step >= len(STEPS):
            return None
        return (STEPS[step], STEPS[step])
