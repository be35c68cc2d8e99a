-- Every process keeps what it reads on nearly every request in memory (src/db/read-cache.ts):
-- who a chat user is, the language they chose, the partnerships' reference data, the events a
-- form offers, the channels linked, the Slack installations. A change to one of those tables,
-- by any process (another replica, a seed, psql), tells them all on the channel
-- "praktikbot_changes", naming the table; PostgreSQL delivers it when the change commits, and
-- not at all when it rolls back.
-- (The body stays on one line: the migration runner ends a statement at a line that ends in ";".)
CREATE FUNCTION "praktikbot_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('praktikbot_changes', TG_TABLE_NAME); RETURN NULL; END $$;

CREATE TRIGGER "Partnership_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Partnership" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "Organisation_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "PlacementType_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PlacementType" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "Target_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Target" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "Contact_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Contact" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
-- A chat user's row is written whenever they are seen; only the language they chose is cached.
CREATE TRIGGER "ChatUser_changed" AFTER DELETE OR TRUNCATE OR UPDATE OF "locale" ON "ChatUser" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "ChatUser_language_chosen" AFTER INSERT ON "ChatUser" FOR EACH ROW WHEN (NEW."locale" IS NOT NULL) EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "Event_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Event" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "ChannelLink_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ChannelLink" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "SlackInstallation_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SlackInstallation" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
CREATE TRIGGER "SlackEnterpriseTeam_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SlackEnterpriseTeam" FOR EACH STATEMENT EXECUTE FUNCTION "praktikbot_notify_change"();
