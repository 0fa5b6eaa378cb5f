// The schema: every domain module registers its types on the builder.
import { builder } from "../builder.ts";
import "./errors.ts";
import "./catalogue.ts";
import "./user.ts";
import "./auth.ts";

export const schema = builder.toSchema();
