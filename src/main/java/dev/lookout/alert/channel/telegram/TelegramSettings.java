package dev.lookout.alert.channel.telegram;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Telegram bot sending to one chat.
 *
 * @param botToken the bot's token from BotFather (it is part of the API URL path)
 * @param chatId   a chat id ({@code -100...} for groups and channels) or {@code @channelname}
 * @param url      the Bot API base ({@code https://api.telegram.org}), for a local Bot API server
 * @param wording  title and sections, default or from {@code template:}
 */
record TelegramSettings(Secret<String> botToken, String chatId, URI url, Wording wording) {
}
