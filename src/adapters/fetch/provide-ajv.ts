// Imported for its effect by the platform-neutral entry: ajv as a plain import, which every
// bundler and runtime resolves (the Node entries load it lazily instead).
import { Ajv2020 } from "ajv/dist/2020.js";
import { provideAjv } from "../../contract/create-ajv.js";

provideAjv(() => Ajv2020);
