// Files the bot made (a report) go to the conversation the request came from with
// files.uploadV2; where the app cannot post there, to the person's DM with the app; and if the
// upload fails altogether, the person is told with a reference in the log.
import { randomUUID } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { Actor } from "../../kernel/actor.js";
import type { FollowUp } from "../../kernel/feature.js";
import { simpleMessage } from "../../kernel/message.js";
import { slackErrorCode } from "../payloads.js";
import type { HandlerDeps } from "./deps.js";
import { type MessageTarget, sendMessage } from "./send.js";

type Client = webApi.WebClient;

export async function deliverFollowUp(deps: HandlerDeps, client: Client, actor: Actor, target: MessageTarget, followUp: FollowUp): Promise<void> {
  if (followUp.kind === "message") {
    await sendMessage(deps, client, actor, target, followUp.view);
    return;
  }
  const upload = async (channelId: string) => {
    await client.filesUploadV2({
      channel_id: channelId,
      initial_comment: followUp.view.text,
      file_uploads: followUp.files.map((f) => ({ file: f.data, filename: f.fileName, title: f.title })),
    });
  };
  const log = { platform: "slack", workspaceId: actor.workspaceId, userId: actor.userId, files: followUp.files.map((f) => f.fileName) };
  try {
    if (target.channelId) {
      try {
        await upload(target.channelId);
        return;
      } catch (error) {
        const code = slackErrorCode(error);
        if (code !== "not_in_channel" && code !== "channel_not_found") throw error;
        deps.logger.info({ ...log, channelId: target.channelId }, "app is not in the channel; sending the files by DM");
      }
    }
    const dm = await client.conversations.open({ users: actor.userId });
    const dmId = dm.channel?.id;
    if (!dmId) throw new Error("conversations.open gave no channel");
    await upload(dmId);
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    deps.logger.error({ ...log, err: error, slackError: slackErrorCode(error), reference }, "Slack file upload failed");
    await sendMessage(deps, client, actor, target, simpleMessage(deps.bot.t(actor.locale)("quarterly:report_upload_failed", { reference })));
  }
}
