/** The serialized provider of Webhook resources: this module's exports are the stub itself. @internal */
import { providerStub } from "./factory";

export = providerStub("Webhook");
