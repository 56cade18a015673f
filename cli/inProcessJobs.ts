// Entry of the analysis run inside the CLI's own process for small inputs (`inProcessHost`): compiled
// apart from cli.cjs, so that the CLI loads the analyses only when it runs them itself.
export { serveJobs } from '../analyzers/app/node/jobRunner';
