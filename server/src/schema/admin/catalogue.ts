// Admin catalogue: pricing tiers, styles, the prompt library, photo packs and their items. Staff lists include
// retired rows and staff-only fields show what the public types (schema/catalogue.ts) do not; only ADMIN changes.
import "./catalogue/pricing-tiers-and-styles.ts";
import "./catalogue/saved-prompts.ts";
import "./catalogue/photo-packs.ts";
