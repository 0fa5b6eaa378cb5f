// `pnpm deps:check`: dependency-cruiser over server/src and prisma/ with the rules in
// .dependency-cruiser.cjs, reported like `depcruise --output-type err`. Its CLI refuses
// to start on Node 20 (it follows Node's release cycle), which this project still
// supports (engines: >=20.19); its JavaScript API runs there, so this calls the API.
import { cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const CONFIG = "./.dependency-cruiser.cjs";
const SOURCES = ["server/src", "prisma"];

const options = await extractDepcruiseOptions(CONFIG);
const tsConfigFile = options.ruleSet?.options?.tsConfig?.fileName;
const { ruleSet, ...rest } = options;
const result = await cruise(SOURCES, { ...rest, ...ruleSet.options, ruleSet, rulesFile: CONFIG, outputType: "err" }, undefined, {
  tsConfig: tsConfigFile ? extractTSConfig(tsConfigFile) : undefined,
});
process.stdout.write(result.output);
process.exitCode = result.exitCode;
