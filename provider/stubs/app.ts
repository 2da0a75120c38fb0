/** The serialized provider of App resources: this module's exports are the stub itself. @internal */
import { providerStub } from "./factory";

export = providerStub("App");
