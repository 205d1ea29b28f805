// `npx cdk synth` / `npx cdk deploy` entry (cdk.json). The stacks are environment-agnostic (no lookups), so synthesis
// needs no credentials; `cdk deploy` deploys them to the account and region of the CLI's credentials.
import { App } from "aws-cdk-lib";
import { gantryApp } from "../src/app.ts";

const app = new App();
gantryApp(app);
app.synth();
