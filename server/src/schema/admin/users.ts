// Admin panel, users and content: staff-only fields on users and their content, staff lists
// of users, avatars, photos, generation jobs and tasks, galleries, sessions; banning.
import "./users/staff-fields.ts";
import "./users/user-lists.ts";
import "./users/content-lists.ts";
import "./users/moderation.ts";
