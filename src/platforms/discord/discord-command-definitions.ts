import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { CHECK_IDS, CHECK_LABELS } from '../../core/checks/check-ids.js';

/** One source for registration and for manifests/discord-commands.json. */
export const COMMAND_NAME = 'aperture';
export const DIAGNOSE_MESSAGE_COMMAND = 'Diagnose with Aperture Doctor';

/** Discord's limit on a string option; longer pastes belong in a message and the context menu. */
const MAX_DIAGNOSE_TEXT = 6000;

export function discordCommandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  const slash = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Diagnose Aperture by Tailscale errors')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('why')
        .setDescription('Explain a symptom: a status code, a symptom id or a keyword')
        .addStringOption((option) =>
          option
            .setName('topic')
            .setDescription('403, dns, quota, vpn, https…')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(100),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('diagnose')
        .setDescription('Diagnose a pasted error')
        .addStringOption((option) =>
          option
            .setName('text')
            .setDescription('The error text')
            .setRequired(true)
            .setMaxLength(MAX_DIAGNOSE_TEXT),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('check')
        .setDescription('Run a live follow-up check')
        .addStringOption((option) =>
          option
            .setName('id')
            .setDescription('Which check')
            .setRequired(true)
            .addChoices(...CHECK_IDS.map((id) => ({ name: CHECK_LABELS[id], value: id }))),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('mute')
        .setDescription('Stop diagnosing pasted errors in this channel for a while')
        .addStringOption((option) =>
          option
            .setName('duration')
            .setDescription('30m, 2h, 1d… (default 1h, at most a week)')
            .setMaxLength(20),
        ),
    )
    .addSubcommand((sub) =>
      sub.setName('unmute').setDescription('Diagnose pasted errors in this channel again'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('doctor')
        .setDescription(
          'Every configured check at once, read-only (admins; the report is private)',
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('whoami')
        .setDescription('Your user id, whether you are an admin, and your login (DISCORD_LOGINS)'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('stats')
        .setDescription('How the diagnoses fared with people, per symptom (admins; private)'),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The symptoms I can diagnose'))
    .addSubcommand((sub) => sub.setName('help').setDescription('How to use Aperture Doctor'));
  const contextMenu = new ContextMenuCommandBuilder()
    .setName(DIAGNOSE_MESSAGE_COMMAND)
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild);
  return [slash.toJSON(), contextMenu.toJSON() as RESTPostAPIApplicationCommandsJSONBody];
}
