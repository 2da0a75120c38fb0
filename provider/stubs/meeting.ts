/** The serialized provider of Meeting resources: this module's exports are the stub itself. @internal */
import { providerStub } from "./factory";

export = providerStub("Meeting");
