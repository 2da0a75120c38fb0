/** The serialized provider of Preset resources: this module's exports are the stub itself. @internal */
import { providerStub } from "./factory";

export = providerStub("Preset");
