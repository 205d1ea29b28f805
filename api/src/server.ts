/**
 * Entry point: `npm start` (tsx src/server.ts). The environment is validated before anything heavy loads; a bad
 * value stops the process (exit 2) with a message naming the variable. See README.md for the variables.
 */
import { EnvError, isLoopback, loadEnv, type ServerConfig } from "./env.ts";
import { jsonLogger } from "./http/logger.ts";

function config(): ServerConfig {
  try {
    const cfg = loadEnv();
    if (cfg.apiKeys.length === 0 && !isLoopback(cfg.host)) {
      throw new EnvError(`GANTRY_API_KEYS: required when binding to the non-loopback address ${cfg.host} (GANTRY_HOST)`);
    }
    return cfg;
  } catch (err) {
    process.stderr.write(`gantry-api: invalid configuration: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

const cfg = config();
const logger = jsonLogger({ level: cfg.logLevel });
if (cfg.apiKeys.length === 0) {
  logger.warn(`no API keys configured (GANTRY_API_KEYS): the API is open to every caller on ${cfg.host}`);
}
const { startServer } = await import("./serve.ts");
await startServer(cfg, logger);
