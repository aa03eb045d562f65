/* md-codes.c — the knowledge base: SMTP reply codes, enhanced status codes
 * and bounce reasons
 *
 * The tables are sorted by code and searched with bsearch(). Enhanced codes
 * are stored without their class ("X.1.1"): the class comes from the code
 * asked for. Sentences are marked with N_() and translated when presented.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "md-codes.h"

typedef struct {
  guint         code;
  MdCodeClass   klass;
  MdCodeOrigin  origin;
  const char   *vendor;
  MdReason      reason;
  const char   *title;
  const char   *meaning;
  const char   *advice;
} ReplyEntry;

/* Reply codes (RFC 5321, and the client-side and vendor codes people meet). */
static const ReplyEntry reply_codes[] = {
  { 101, MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_CLIENT, NULL, MD_REASON_NETWORKERROR,
    N_("Cannot open connection"),
    N_("Your mail program could not open a connection to the server: this code comes from the program itself, not from a server."),
    N_("Check the server name and port in your account settings, and that your connection or firewall lets mail through.") },
  { 111, MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_CLIENT, NULL, MD_REASON_NETWORKERROR,
    N_("Connection refused"),
    N_("Your mail program reached the server's address but nothing accepted the connection: this code comes from the program itself."),
    N_("Check the server name and port (465 or 587 for sending) and try again later; the server may be down.") },
  { 120, MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Service ready soon"),
    N_("The server is starting and will be ready in a moment."),
    N_("Nothing to do: the program tries again by itself.") },
  { 130, MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Waiting for the server"),
    N_("The server has not finished an earlier step yet."),
    N_("Nothing to do: wait a moment.") },
  { 211, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("System status"),
    N_("The server answers a request for its status or help."),
    N_("Nothing to do.") },
  { 214, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Help message"),
    N_("The server sends help about its commands."),
    N_("Nothing to do.") },
  { 220, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Server ready"),
    N_("The server greets the sender and is ready to take mail."),
    N_("Nothing to do.") },
  { 221, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Closing the connection"),
    N_("The server ends the conversation normally."),
    N_("Nothing to do.") },
  { 250, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_DELIVERED,
    N_("Accepted"),
    N_("The server accepted the command or the message."),
    N_("Nothing to do: this step went well.") },
  { 251, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_DELIVERED,
    N_("Accepted and forwarded"),
    N_("The recipient is not local, but the server forwards the message."),
    N_("Nothing to do.") },
  { 252, MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_DELIVERED,
    N_("Accepted without checking the address"),
    N_("The server cannot confirm the address now but accepts the message and will try to deliver it."),
    N_("Nothing to do.") },
  { 354, MD_CODE_CLASS_INTERMEDIATE, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Ready for the message"),
    N_("The server waits for the content of the message."),
    N_("Nothing to do.") },
  { 420, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, "GroupWise", MD_REASON_NETWORKERROR,
    N_("Connection timed out (GroupWise)"),
    N_("A GroupWise server reports that the connection timed out; this code is not part of the SMTP standard."),
    N_("Wait: the message is retried. If it keeps failing, the receiving side must check its network.") },
  { 421, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_BLOCKED,
    N_("Service not available"),
    N_("The server is closing the connection for now: overloaded, in maintenance, or limiting you."),
    N_("Wait: the message is retried automatically. If it lasts, check that your server is not on a blocklist.") },
  { 422, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_MAILBOXFULL,
    N_("Recipient's mailbox is over its limit"),
    N_("The recipient's mailbox has no room for this message at the moment."),
    N_("Wait and try again later, or tell the recipient another way that their mailbox is full.") },
  { 431, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYSTEMFULL,
    N_("Server out of memory or disk"),
    N_("The receiving server lacks memory or disk space right now."),
    N_("Wait: the message is retried. The receiving side must free space.") },
  { 432, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, "Exchange", MD_REASON_SYSTEMERROR,
    N_("Queue stopped (Exchange)"),
    N_("An Exchange server has stopped its incoming queue; this code is specific to Exchange."),
    N_("Wait: the message is retried. The receiving administrator must restart the queue.") },
  { 441, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_NETWORKERROR,
    N_("Recipient's server not answering"),
    N_("The server the message should go to did not answer."),
    N_("Wait: the message is retried for a few days.") },
  { 442, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_NETWORKERROR,
    N_("Connection dropped"),
    N_("The connection was cut during the exchange."),
    N_("Wait: the message is retried. If it keeps happening, check the network between the servers.") },
  { 446, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYSTEMERROR,
    N_("Too many hops"),
    N_("The message went through too many servers: probably a routing loop."),
    N_("The administrators must check forwarding rules and MX records for a loop.") },
  { 447, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_EXPIRED,
    N_("Delivery timed out"),
    N_("The message waited too long on the way."),
    N_("Wait: it may still go through. If it fails for good, send it again later.") },
  { 449, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, "Exchange", MD_REASON_SYSTEMERROR,
    N_("Routing error (Exchange)"),
    N_("An Exchange server could not route the message; this code is specific to Exchange."),
    N_("The Exchange administrator must check the connectors and DNS.") },
  { 450, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYSTEMERROR,
    N_("Mailbox unavailable for now"),
    N_("The mailbox cannot take the message now: busy, locked, or greylisting."),
    N_("Wait: the message is retried automatically.") },
  { 451, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYSTEMERROR,
    N_("Local error"),
    N_("The server had a problem of its own while handling the message."),
    N_("Wait: the message is retried. If it lasts, contact the server's administrator.") },
  { 452, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYSTEMFULL,
    N_("Insufficient storage"),
    N_("The server cannot store the message right now, or too many recipients were given at once."),
    N_("Wait: the message is retried. Send to fewer recipients at a time if it persists.") },
  { 455, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYSTEMERROR,
    N_("Parameters not accepted for now"),
    N_("The server cannot handle the parameters given with the command at the moment."),
    N_("Wait and try again.") },
  { 471, MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SPAMDETECTED,
    N_("Refused by a filter for now"),
    N_("An anti-spam or anti-virus filter held the message back temporarily."),
    N_("Wait: it is retried. If it keeps failing, check your server's reputation and the message's content.") },
  { 500, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYNTAXERROR,
    N_("Command not recognised"),
    N_("The server did not understand a command, often because it was too long."),
    N_("Update or reconfigure the sending program; an antivirus scanning outgoing mail can cause this.") },
  { 501, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYNTAXERROR,
    N_("Invalid parameters"),
    N_("A command had wrong arguments, often a badly written address."),
    N_("Check the recipient's address for typos, spaces or forbidden characters.") },
  { 502, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYNTAXERROR,
    N_("Command not implemented"),
    N_("The server does not offer this command."),
    N_("Check the sending program's settings (security, authentication).") },
  { 503, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYNTAXERROR,
    N_("Bad sequence of commands"),
    N_("The commands came in the wrong order, often sending without logging in first."),
    N_("Turn on authentication for the outgoing server in your mail program.") },
  { 504, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYNTAXERROR,
    N_("Parameter not implemented"),
    N_("The server does not support a parameter of the command."),
    N_("Change the authentication method or security settings of the account.") },
  { 510, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_USERUNKNOWN,
    N_("Bad address"),
    N_("The recipient's address is wrong."),
    N_("Check the address with the recipient.") },
  { 511, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_USERUNKNOWN,
    N_("Bad address"),
    N_("The recipient's address does not exist or is badly written."),
    N_("Check the address with the recipient.") },
  { 512, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_HOSTUNKNOWN,
    N_("Recipient's domain not found"),
    N_("The domain after the @ could not be found."),
    N_("Check the spelling of the domain in the address.") },
  { 513, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_USERUNKNOWN,
    N_("Address format wrong"),
    N_("The address is not written in a valid way, or the server wants you to log in."),
    N_("Check the address; if it is right, turn on authentication for the outgoing server.") },
  { 521, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_NOTACCEPT,
    N_("Server accepts no mail"),
    N_("This server never accepts mail (RFC 7504)."),
    N_("Check the address: the domain does not receive e-mail.") },
  { 523, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_MESGTOOBIG,
    N_("Message too large"),
    N_("The message is bigger than the recipient's server accepts."),
    N_("Send smaller attachments, or a download link instead.") },
  { 530, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SECURITYERROR,
    N_("Authentication required"),
    N_("The server requires you to log in (or to use encryption) before sending."),
    N_("Turn on authentication and SSL/TLS for the outgoing server in your mail program.") },
  { 534, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SECURITYERROR,
    N_("Authentication method too weak"),
    N_("The server refuses this way of logging in; some providers require an application password."),
    N_("Use encryption, or create an application password in your account's security settings.") },
  { 535, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SECURITYERROR,
    N_("Login refused"),
    N_("The user name or password was not accepted."),
    N_("Check the password in webmail; if it works there, type it again in your mail program.") },
  { 541, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SPAMDETECTED,
    N_("Refused by the recipient's filter"),
    N_("The recipient's server refused the message, usually as spam."),
    N_("Check the content and links of the message and your server's reputation, or ask the recipient to allow you.") },
  { 550, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_UNDEFINED,
    N_("Refused: mailbox unavailable"),
    N_("The message was refused for good: most often the address does not exist, sometimes a filter or a policy refused it."),
    N_("Read the server's words after the code: they say whether the address, your server or the content is at fault.") },
  { 551, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_USERUNKNOWN,
    N_("User not local"),
    N_("The recipient is not on this server; the message is not forwarded."),
    N_("Ask the recipient for their current address.") },
  { 552, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_MAILBOXFULL,
    N_("Storage exceeded"),
    N_("The recipient's mailbox is full, or the message exceeds a size limit."),
    N_("Tell the recipient another way, or send a smaller message.") },
  { 553, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_REJECTED,
    N_("Address not allowed"),
    N_("The address is not accepted: badly written, or the sender is not allowed to use it."),
    N_("Check the addresses, and that you send through your own provider's server with authentication.") },
  { 554, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_REJECTED,
    N_("Transaction failed"),
    N_("The server refused the message for good, often as spam or because of a blocklist."),
    N_("Read the server's words; check blocklists and the message's content.") },
  { 555, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_SYNTAXERROR,
    N_("Parameters not recognised"),
    N_("The server did not accept the parameters of the sender or recipient command."),
    N_("Check the sender's address and the program's settings.") },
  { 556, MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL, MD_REASON_NOTACCEPT,
    N_("Domain accepts no mail"),
    N_("The recipient's domain declares that it receives no e-mail (RFC 7504)."),
    N_("Check the address with the recipient.") },
};

typedef struct {
  const char   *code;      /* "X.1.1" (any class) or "5.7.26" (that class only) */
  const char   *vendor;
  MdReason      reason;
  const char   *title;
  const char   *meaning;
  const char   *advice;
} EnhancedEntry;

/* The IANA registry of enhanced status codes (RFC 3463 and later), then the
 * meanings providers give to codes of their own. */
static const EnhancedEntry enhanced_codes[] = {
  { "X.0.0", NULL, MD_REASON_UNDEFINED,
    N_("Undefined status"),
    N_("The server gives no detail beyond success or failure."),
    N_("Read the server's words that follow the code.") },
  { "X.1.0", NULL, MD_REASON_UNDEFINED,
    N_("Address problem"),
    N_("Something is wrong with an address of the message."),
    N_("Check the sender's and recipients' addresses.") },
  { "X.1.1", NULL, MD_REASON_USERUNKNOWN,
    N_("Mailbox does not exist"),
    N_("The part before the @ is unknown on the recipient's server."),
    N_("Check the spelling of the address, or ask the recipient for the right one.") },
  { "X.1.2", NULL, MD_REASON_HOSTUNKNOWN,
    N_("Domain does not exist"),
    N_("The part after the @ does not exist or cannot take mail."),
    N_("Check the spelling of the domain in the address.") },
  { "X.1.3", NULL, MD_REASON_USERUNKNOWN,
    N_("Address badly written"),
    N_("The recipient's address is not valid as written."),
    N_("Look for spaces, accents or missing characters in the address.") },
  { "X.1.4", NULL, MD_REASON_USERUNKNOWN,
    N_("Ambiguous address"),
    N_("The address matches several mailboxes on the server."),
    N_("Use the recipient's exact address.") },
  { "X.1.5", NULL, MD_REASON_DELIVERED,
    N_("Address valid"),
    N_("The recipient's address is valid."),
    N_("Nothing to do.") },
  { "X.1.6", NULL, MD_REASON_HASMOVED,
    N_("Mailbox has moved"),
    N_("The recipient no longer uses this address and mail is not forwarded."),
    N_("Ask the recipient for their new address.") },
  { "X.1.7", NULL, MD_REASON_REJECTED,
    N_("Sender address badly written"),
    N_("The sender's address is not valid."),
    N_("Check the address set in your mail program's account.") },
  { "X.1.8", NULL, MD_REASON_REJECTED,
    N_("Sender's domain refused"),
    N_("The sender's domain does not exist or cannot receive replies."),
    N_("Make sure your own domain has working MX records.") },
  { "X.1.9", NULL, MD_REASON_DELIVERED,
    N_("Relayed to a non-reporting system"),
    N_("The message went on to a system that sends no delivery reports."),
    N_("Nothing to do.") },
  { "X.1.10", NULL, MD_REASON_NOTACCEPT,
    N_("Recipient's domain accepts no mail"),
    N_("The recipient's domain has a null MX record: it declares it receives no mail."),
    N_("Check the address: that domain does not take e-mail.") },
  { "X.2.0", NULL, MD_REASON_UNDEFINED,
    N_("Mailbox problem"),
    N_("Something is wrong with the recipient's mailbox."),
    N_("Try again later or contact the recipient another way.") },
  { "X.2.1", NULL, MD_REASON_SUSPEND,
    N_("Mailbox disabled"),
    N_("The mailbox exists but does not take messages now: disabled or suspended."),
    N_("Contact the recipient another way.") },
  { "X.2.2", NULL, MD_REASON_MAILBOXFULL,
    N_("Mailbox full"),
    N_("The recipient's mailbox has reached its size limit."),
    N_("Tell the recipient another way to free some space, then send again.") },
  { "X.2.3", NULL, MD_REASON_MESGTOOBIG,
    N_("Message too big for the mailbox"),
    N_("The message is larger than this mailbox accepts."),
    N_("Send smaller attachments or a download link.") },
  { "X.2.4", NULL, MD_REASON_SYSTEMERROR,
    N_("Mailing list problem"),
    N_("The mailing list could not be expanded."),
    N_("Tell the list's administrator.") },
  { "X.3.0", NULL, MD_REASON_SYSTEMERROR,
    N_("Mail system problem"),
    N_("The receiving mail system has a problem."),
    N_("Try again later.") },
  { "X.3.1", NULL, MD_REASON_SYSTEMFULL,
    N_("Mail system full"),
    N_("The receiving server has run out of storage."),
    N_("Wait; the receiving administrator must free space.") },
  { "X.3.2", NULL, MD_REASON_SYSTEMERROR,
    N_("Server not accepting mail"),
    N_("The server does not take messages now (shutdown, load)."),
    N_("Wait: the message is retried.") },
  { "X.3.3", NULL, MD_REASON_SYSTEMERROR,
    N_("Feature not supported"),
    N_("The receiving system cannot handle a feature the message needs."),
    N_("Send a simpler message (plain text, no special options).") },
  { "X.3.4", NULL, MD_REASON_MESGTOOBIG,
    N_("Message too big for the system"),
    N_("The message exceeds the server's size limit."),
    N_("Send smaller attachments or a download link.") },
  { "X.3.5", NULL, MD_REASON_SYSTEMERROR,
    N_("System misconfigured"),
    N_("The receiving system is configured so that it cannot accept this message."),
    N_("The recipient's administrator must fix their configuration.") },
  { "X.3.6", NULL, MD_REASON_UNDEFINED,
    N_("Priority changed"),
    N_("The server changed the requested priority of the message."),
    N_("Nothing to do.") },
  { "X.4.0", NULL, MD_REASON_NETWORKERROR,
    N_("Network or routing problem"),
    N_("The message could not be routed to its destination."),
    N_("Check the recipient's domain; try again later.") },
  { "X.4.1", NULL, MD_REASON_NETWORKERROR,
    N_("No answer from the server"),
    N_("The recipient's server did not answer the connection."),
    N_("Wait: the message is retried. The recipient's side may be down.") },
  { "X.4.2", NULL, MD_REASON_NETWORKERROR,
    N_("Connection dropped"),
    N_("The connection broke during delivery."),
    N_("Wait: the message is retried.") },
  { "X.4.3", NULL, MD_REASON_NETWORKERROR,
    N_("Directory or DNS failure"),
    N_("A look-up needed to route the message failed, often the DNS."),
    N_("Wait; if it lasts, check the recipient domain's DNS.") },
  { "X.4.4", NULL, MD_REASON_HOSTUNKNOWN,
    N_("Unable to route"),
    N_("No server could be found for the recipient's domain."),
    N_("Check the domain of the address and its MX records.") },
  { "X.4.5", NULL, MD_REASON_SYSTEMERROR,
    N_("Mail system congested"),
    N_("The mail system is overloaded."),
    N_("Wait: the message is retried.") },
  { "X.4.6", NULL, MD_REASON_SYSTEMERROR,
    N_("Routing loop"),
    N_("The message goes round in circles between servers."),
    N_("Check forwarding rules and MX records for a loop.") },
  { "X.4.7", NULL, MD_REASON_EXPIRED,
    N_("Delivery time expired"),
    N_("The sending server gave up after trying for a long time."),
    N_("Check the recipient's domain and send again later.") },
  { "X.5.0", NULL, MD_REASON_UNDEFINED,
    N_("Protocol problem"),
    N_("Something went wrong in the conversation between servers."),
    N_("Read the server's words after the code.") },
  { "X.5.1", NULL, MD_REASON_SYNTAXERROR,
    N_("Invalid command"),
    N_("The server did not accept a command."),
    N_("Check the sending program's settings.") },
  { "X.5.2", NULL, MD_REASON_SYNTAXERROR,
    N_("Syntax error"),
    N_("A command was not written correctly."),
    N_("Update the sending program.") },
  { "X.5.3", NULL, MD_REASON_EXCEEDLIMIT,
    N_("Too many recipients"),
    N_("The message has more recipients than the server allows."),
    N_("Split the sending into smaller groups.") },
  { "X.5.4", NULL, MD_REASON_SYNTAXERROR,
    N_("Invalid command arguments"),
    N_("A command had wrong parameters."),
    N_("Check the addresses and the program's settings.") },
  { "X.5.5", NULL, MD_REASON_SYNTAXERROR,
    N_("Wrong protocol version"),
    N_("The servers do not speak the same version of the protocol."),
    N_("The administrators must check their servers.") },
  { "X.5.6", NULL, MD_REASON_SYNTAXERROR,
    N_("Authentication line too long"),
    N_("The login exchange was too long for the server."),
    N_("Try another authentication method.") },
  { "X.6.0", NULL, MD_REASON_CONTENTERROR,
    N_("Content problem"),
    N_("The content of the message caused a problem."),
    N_("Check attachments and formatting.") },
  { "X.6.1", NULL, MD_REASON_CONTENTERROR,
    N_("Content type not supported"),
    N_("The receiving system cannot handle this kind of content."),
    N_("Send the content in a common format.") },
  { "X.6.2", NULL, MD_REASON_CONTENTERROR,
    N_("Conversion prohibited"),
    N_("The message would need converting, which it forbids."),
    N_("Send it without special encoding options.") },
  { "X.6.3", NULL, MD_REASON_CONTENTERROR,
    N_("Conversion not supported"),
    N_("The message needs a conversion the server cannot do."),
    N_("Send it in a simpler format.") },
  { "X.6.4", NULL, MD_REASON_DELIVERED,
    N_("Converted with loss"),
    N_("The message was delivered, but some content was lost in conversion."),
    N_("Check with the recipient that it reads well.") },
  { "X.6.5", NULL, MD_REASON_CONTENTERROR,
    N_("Conversion failed"),
    N_("A needed conversion of the content failed."),
    N_("Send it in a simpler format.") },
  { "X.6.6", NULL, MD_REASON_CONTENTERROR,
    N_("Content not available"),
    N_("The content of the message is no longer available."),
    N_("Send the message again.") },
  { "X.6.7", NULL, MD_REASON_CONTENTERROR,
    N_("Non-ASCII address not allowed"),
    N_("An address with accents or other non-ASCII characters is not accepted here."),
    N_("Use an address without accents.") },
  { "X.6.8", NULL, MD_REASON_CONTENTERROR,
    N_("UTF-8 reply not possible"),
    N_("The server would need to answer in UTF-8, which the client does not allow."),
    N_("Update the sending program.") },
  { "X.6.9", NULL, MD_REASON_CONTENTERROR,
    N_("UTF-8 headers not transferable"),
    N_("Headers in UTF-8 cannot be passed on to a recipient."),
    N_("Avoid accents in addresses and in the subject.") },
  { "X.6.10", NULL, MD_REASON_CONTENTERROR,
    N_("UTF-8 reply not possible"),
    N_("Deprecated duplicate of X.6.8."),
    N_("Update the sending program.") },
  { "X.7.0", NULL, MD_REASON_UNDEFINED,
    N_("Security or policy refusal"),
    N_("A security rule or policy refused the message."),
    N_("Read the server's words to see which rule.") },
  { "X.7.1", NULL, MD_REASON_UNDEFINED,
    N_("Delivery not authorised"),
    N_("The recipient's server refused the message by policy: blocklist, spam filter or sender not allowed."),
    N_("Read the server's words: they tell whether your address, your server or the content is refused.") },
  { "X.7.2", NULL, MD_REASON_SECURITYERROR,
    N_("List expansion prohibited"),
    N_("You are not allowed to send to this mailing list."),
    N_("Ask the list's owner for permission.") },
  { "X.7.3", NULL, MD_REASON_SECURITYERROR,
    N_("Security conversion impossible"),
    N_("A required security conversion could not be done."),
    N_("Send the message without encryption or signature options.") },
  { "X.7.4", NULL, MD_REASON_SECURITYERROR,
    N_("Security features not supported"),
    N_("The server does not support the security features requested."),
    N_("Change the security settings of the account.") },
  { "X.7.5", NULL, MD_REASON_SECURITYERROR,
    N_("Cryptographic failure"),
    N_("Decrypting or checking a signature failed."),
    N_("Send the message again without encryption.") },
  { "X.7.6", NULL, MD_REASON_SECURITYERROR,
    N_("Algorithm not supported"),
    N_("The encryption algorithm used is not supported."),
    N_("Use another encryption setting.") },
  { "X.7.7", NULL, MD_REASON_SECURITYERROR,
    N_("Integrity check failed"),
    N_("The message was changed on the way."),
    N_("Send it again.") },
  { "X.7.8", NULL, MD_REASON_SECURITYERROR,
    N_("Login refused"),
    N_("The user name or password was not accepted."),
    N_("Check the password in webmail, then type it again in your mail program.") },
  { "X.7.9", NULL, MD_REASON_SECURITYERROR,
    N_("Authentication too weak"),
    N_("The login method is not accepted; an application password may be needed."),
    N_("Turn on SSL/TLS, or create an application password.") },
  { "X.7.10", NULL, MD_REASON_SECURITYERROR,
    N_("Encryption needed"),
    N_("The server requires an encrypted connection."),
    N_("Turn on SSL/TLS in the account settings.") },
  { "X.7.11", NULL, MD_REASON_SECURITYERROR,
    N_("Encryption needed to log in"),
    N_("This login method needs an encrypted connection."),
    N_("Turn on SSL/TLS in the account settings.") },
  { "X.7.12", NULL, MD_REASON_SECURITYERROR,
    N_("Password change needed"),
    N_("The password must be changed before you can log in."),
    N_("Change the password in webmail or the control panel.") },
  { "X.7.13", NULL, MD_REASON_SUSPEND,
    N_("Account disabled"),
    N_("The user's account is disabled."),
    N_("If it is yours, check the account in the control panel; otherwise contact the recipient another way.") },
  { "X.7.14", NULL, MD_REASON_SECURITYERROR,
    N_("Trust relationship required"),
    N_("The servers need a trust arrangement they do not have."),
    N_("The administrators must set it up.") },
  { "X.7.15", NULL, MD_REASON_POLICYVIOLATION,
    N_("Priority too low"),
    N_("The priority of the message is too low for this server."),
    N_("Send it again later.") },
  { "X.7.16", NULL, MD_REASON_MESGTOOBIG,
    N_("Too big for its priority"),
    N_("The message is too big for the priority it asked for."),
    N_("Send a smaller message.") },
  { "X.7.17", NULL, MD_REASON_HASMOVED,
    N_("Mailbox owner changed"),
    N_("The address now belongs to someone else."),
    N_("Ask the recipient for their current address.") },
  { "X.7.18", NULL, MD_REASON_HASMOVED,
    N_("Domain owner changed"),
    N_("The recipient's domain now belongs to someone else."),
    N_("Ask the recipient for their current address.") },
  { "X.7.19", NULL, MD_REASON_SECURITYERROR,
    N_("Ownership test impossible"),
    N_("The server could not check that the address still has the same owner."),
    N_("Send the message again without that option.") },
  { "X.7.20", NULL, MD_REASON_AUTHFAILURE,
    N_("No valid DKIM signature"),
    N_("The message has no DKIM signature that passes."),
    N_("Turn on DKIM signing for your domain at your provider.") },
  { "X.7.21", NULL, MD_REASON_AUTHFAILURE,
    N_("No acceptable DKIM signature"),
    N_("The DKIM signatures are not acceptable to the receiver."),
    N_("Check your domain's DKIM setup.") },
  { "X.7.22", NULL, MD_REASON_AUTHFAILURE,
    N_("No DKIM signature of the author's domain"),
    N_("No valid DKIM signature matches the domain of the From address."),
    N_("Sign with your own domain's DKIM key.") },
  { "X.7.23", NULL, MD_REASON_AUTHFAILURE,
    N_("SPF check failed"),
    N_("The sending server is not allowed by the domain's SPF record."),
    N_("Add your sending server or provider to your domain's SPF record.") },
  { "X.7.24", NULL, MD_REASON_AUTHFAILURE,
    N_("SPF error"),
    N_("The domain's SPF record could not be evaluated."),
    N_("Fix the SPF record: one record, valid syntax, at most 10 look-ups.") },
  { "X.7.25", NULL, MD_REASON_REQUIREPTR,
    N_("Reverse DNS failed"),
    N_("The sending server's address has no matching reverse DNS name."),
    N_("Ask whoever runs your sending server to set a PTR record.") },
  { "X.7.26", NULL, MD_REASON_AUTHFAILURE,
    N_("Authentication checks failed"),
    N_("Several checks (SPF, DKIM, DMARC) failed for this message."),
    N_("Set up SPF and DKIM for your domain, aligned with its DMARC policy.") },
  { "X.7.27", NULL, MD_REASON_REJECTED,
    N_("Sender's domain has null MX"),
    N_("The sender's domain declares that it receives no mail, so replies are impossible."),
    N_("Send from a domain that receives mail.") },
  { "X.7.28", NULL, MD_REASON_SPAMDETECTED,
    N_("Mail flood detected"),
    N_("The receiver saw an unusual volume of similar mail."),
    N_("Slow down the sending and check your account is not sending spam.") },
  { "X.7.29", NULL, MD_REASON_AUTHFAILURE,
    N_("ARC check failed"),
    N_("The message's forwarding signatures (ARC) did not pass."),
    N_("The forwarding server's administrator must check ARC.") },
  { "X.7.30", NULL, MD_REASON_SECURITYERROR,
    N_("REQUIRETLS not supported"),
    N_("The message required TLS all the way, which a server on the path cannot do."),
    N_("Send it without that requirement.") },
  { "5.7.26", "Gmail", MD_REASON_AUTHFAILURE,
    N_("Not authenticated (Gmail)"),
    N_("Gmail refused the message: it did not pass SPF or DKIM, or the sender's DMARC policy rejects it."),
    N_("Set up SPF and DKIM for your domain, aligned with its DMARC policy.") },
  { "4.7.26", "Gmail", MD_REASON_AUTHFAILURE,
    N_("Unauthenticated sender limited (Gmail)"),
    N_("Gmail slows down mail that is not authenticated."),
    N_("Set up SPF and DKIM for your domain.") },
  { "4.7.27", "Gmail", MD_REASON_AUTHFAILURE,
    N_("SPF did not pass (Gmail)"),
    N_("Gmail found that SPF did not pass for this message."),
    N_("Add your sending server to your SPF record.") },
  { "4.7.30", "Gmail", MD_REASON_AUTHFAILURE,
    N_("DKIM did not pass (Gmail)"),
    N_("Gmail found no passing DKIM signature."),
    N_("Turn on DKIM signing for your domain.") },
  { "4.7.32", "Gmail", MD_REASON_AUTHFAILURE,
    N_("From not aligned (Gmail)"),
    N_("The From domain does not match the SPF or DKIM domain."),
    N_("Sign and send with the same domain as the From address.") },
  { "4.7.28", "Gmail", MD_REASON_SPAMDETECTED,
    N_("Unusual rate of spam (Gmail)"),
    N_("Gmail saw an unusual rate of unwanted mail from this sender."),
    N_("Slow down, and check that your account is not sending spam.") },
  { "5.7.28", "Gmail", MD_REASON_SPAMDETECTED,
    N_("Unusual rate of spam (Gmail)"),
    N_("Gmail refused mail from a sender with an unusual rate of unwanted mail."),
    N_("Check that your account is not sending spam.") },
  { "4.2.1", "Gmail", MD_REASON_SPEEDING,
    N_("Recipient receiving too fast (Gmail)"),
    N_("The recipient receives mail at too high a rate; Gmail delays it."),
    N_("Wait: the message is retried.") },
  { "5.4.5", "Gmail", MD_REASON_SPEEDING,
    N_("Sending quota exceeded (Gmail)"),
    N_("The daily sending limit of the account was reached."),
    N_("Wait until tomorrow, or spread the sending.") },
  { "5.7.25", "Gmail", MD_REASON_REQUIREPTR,
    N_("No reverse DNS (Gmail)"),
    N_("The sending server's address has no PTR record."),
    N_("Ask whoever runs your sending server to set a PTR record.") },
  { "5.7.57", "Microsoft 365", MD_REASON_SECURITYERROR,
    N_("Not authenticated to send (Microsoft 365)"),
    N_("The mail program sent without logging in."),
    N_("Turn on authentication for the outgoing server (port 587, STARTTLS).") },
  { "5.7.509", "Microsoft 365", MD_REASON_AUTHFAILURE,
    N_("DMARC failure (Microsoft 365)"),
    N_("The message fails the sender domain's DMARC policy."),
    N_("Align SPF and DKIM with the sender's domain.") },
  { "5.1.10", "Microsoft 365", MD_REASON_USERUNKNOWN,
    N_("Recipient not found (Microsoft 365)"),
    N_("The recipient's address does not exist in the organisation."),
    N_("Check the address with the recipient.") },
  { "5.4.1", "Microsoft 365", MD_REASON_USERUNKNOWN,
    N_("Recipient rejected: access denied (Microsoft 365)"),
    N_("The recipient is unknown to the receiving organisation, or relaying is denied: read the text."),
    N_("Check the address; if it is right, the recipient's MX records may be wrong.") },
  { "5.4.4", "Microsoft 365", MD_REASON_HOSTUNKNOWN,
    N_("Domain does not exist (Microsoft 365)"),
    N_("The recipient's domain could not be found."),
    N_("Check the domain of the address.") },
  { "5.7.9", "Yahoo", MD_REASON_AUTHFAILURE,
    N_("Authentication required (Yahoo)"),
    N_("Yahoo requires senders to pass SPF or DKIM."),
    N_("Set up SPF and DKIM for your domain.") },
};

typedef struct {
  char          klass;
  guint         subject;
  guint         detail_min;
  guint         detail_max;
  const char   *vendor;
  MdReason      reason;
  const char   *title;
  const char   *meaning;
  const char   *advice;
} EnhancedRange;

/* Families of provider codes documented as ranges. */
static const EnhancedRange enhanced_ranges[] = {
  { '5', 7, 606, 649, "Microsoft 365", MD_REASON_BLOCKED,
    N_("Sending address banned (Microsoft 365)"),
    N_("Microsoft 365 refuses mail from the sending server's address."),
    N_("Ask for the address to be delisted through Microsoft's delisting portal.") },
  { '5', 7, 501, 503, "Microsoft 365", MD_REASON_SPAMDETECTED,
    N_("Spam detected (Microsoft 365)"),
    N_("Microsoft 365 detected spam or abuse from this sender."),
    N_("Check your account for abuse and contact your provider.") },
  { '5', 7, 700, 750, "Microsoft 365", MD_REASON_BLOCKED,
    N_("Sending organisation blocked (Microsoft 365)"),
    N_("The sending organisation exceeded a threshold and its mail is not accepted."),
    N_("The sender's administrator must contact Microsoft support.") },
  { '4', 7, 500, 699, "Microsoft 365", MD_REASON_SPEEDING,
    N_("Slowed down (Microsoft 365)"),
    N_("Microsoft 365 temporarily limits mail from this sender."),
    N_("Wait: the message is retried.") },
};

typedef struct {
  const char *id;
  MdActor     actor;     /* when permanent; a temporary failure waits */
  const char *title;
  const char *explanation;
  const char *advice;
} ReasonEntry;

/* Indexed by MdReason. */
static const ReasonEntry reasons[MD_REASON_LAST] = {
  [MD_REASON_UNDEFINED] = { "undefined", MD_ACTOR_SENDER_ADMIN,
    N_("Unknown cause"),
    N_("The bounce does not say clearly why the message failed."),
    N_("Read the server's words, or send the bounce to your provider's support.") },
  [MD_REASON_AUTHFAILURE] = { "authfailure", MD_ACTOR_SENDER_ADMIN,
    N_("Sender not authenticated"),
    N_("The receiver checked SPF, DKIM or DMARC for your domain and the message failed."),
    N_("Have your domain's SPF and DKIM records fixed so that they cover the server you send from.") },
  [MD_REASON_BADREPUTATION] = { "badreputation", MD_ACTOR_SENDER_ADMIN,
    N_("Poor sender reputation"),
    N_("The receiver does not trust mail from your server's address or domain."),
    N_("Ask your provider to check the reputation of its sending servers; avoid mass sending.") },
  [MD_REASON_BLOCKED] = { "blocked", MD_ACTOR_SENDER_ADMIN,
    N_("Sending server blocked"),
    N_("The receiver refused the connection from your sending server, often because of a blocklist."),
    N_("Check the blocklists for your server's address and ask your provider to have it removed.") },
  [MD_REASON_CONTENTERROR] = { "contenterror", MD_ACTOR_SENDER,
    N_("Message format refused"),
    N_("The receiver could not handle the format of the message."),
    N_("Send the message again in plain form, without unusual attachments.") },
  [MD_REASON_DELIVERED] = { "delivered", MD_ACTOR_NOBODY,
    N_("Delivered"),
    N_("The message was delivered."),
    N_("Nothing to do.") },
  [MD_REASON_EXCEEDLIMIT] = { "exceedlimit", MD_ACTOR_SENDER,
    N_("Limit exceeded"),
    N_("The message exceeded a limit of the receiving server, such as the number of recipients."),
    N_("Send to fewer recipients at once, or make the message smaller.") },
  [MD_REASON_EXPIRED] = { "expired", MD_ACTOR_SENDER,
    N_("Delivery gave up"),
    N_("Your server tried for a long time and gave up: the recipient's server did not answer."),
    N_("Check the recipient's domain and try again later.") },
  [MD_REASON_FEEDBACK] = { "feedback", MD_ACTOR_SENDER,
    N_("Complaint report"),
    N_("A recipient marked your message as spam and this is the provider's report."),
    N_("Stop sending to that recipient.") },
  [MD_REASON_FILTERED] = { "filtered", MD_ACTOR_RECIPIENT,
    N_("Refused by the recipient's filter"),
    N_("The recipient's server accepted the address but a filter refused this message."),
    N_("Contact the recipient another way and ask them to allow your address.") },
  [MD_REASON_HASMOVED] = { "hasmoved", MD_ACTOR_SENDER,
    N_("Address moved"),
    N_("The recipient left this address and mail is not forwarded."),
    N_("Remove the address and ask for the new one.") },
  [MD_REASON_HOSTUNKNOWN] = { "hostunknown", MD_ACTOR_SENDER,
    N_("Recipient's domain does not exist"),
    N_("The domain after the @ cannot be found."),
    N_("Check the spelling of the domain.") },
  [MD_REASON_MAILBOXFULL] = { "mailboxfull", MD_ACTOR_RECIPIENT,
    N_("Recipient's mailbox full"),
    N_("The recipient's mailbox has no room left."),
    N_("Tell the recipient another way; send again once they have made room.") },
  [MD_REASON_MAILERERROR] = { "mailererror", MD_ACTOR_RECIPIENT_ADMIN,
    N_("Receiving program failed"),
    N_("A program on the receiving server that handles mail failed."),
    N_("The recipient's administrator must look at it.") },
  [MD_REASON_MESGTOOBIG] = { "mesgtoobig", MD_ACTOR_SENDER,
    N_("Message too big"),
    N_("The message is larger than the receiver accepts."),
    N_("Send smaller attachments or a download link.") },
  [MD_REASON_NETWORKERROR] = { "networkerror", MD_ACTOR_SENDER_ADMIN,
    N_("Network or DNS problem"),
    N_("The servers could not reach each other, or a DNS look-up failed."),
    N_("Wait and try again; if it lasts, check the recipient domain's DNS.") },
  [MD_REASON_NORELAYING] = { "norelaying", MD_ACTOR_SENDER_ADMIN,
    N_("Relaying refused"),
    N_("The server refused to pass the message on: you are probably not logged in to it."),
    N_("Turn on authentication for the outgoing server in your mail program.") },
  [MD_REASON_NOTACCEPT] = { "notaccept", MD_ACTOR_SENDER,
    N_("Domain accepts no mail"),
    N_("The recipient's domain declares that it receives no e-mail."),
    N_("Check the address with the recipient.") },
  [MD_REASON_NOTCOMPLIANTRFC] = { "notcompliantrfc", MD_ACTOR_SENDER_ADMIN,
    N_("Message not standard"),
    N_("The message breaks the e-mail standards (for example duplicate headers)."),
    N_("Update the sending program or ask your provider.") },
  [MD_REASON_ONHOLD] = { "onhold", MD_ACTOR_SENDER_ADMIN,
    N_("Not enough information"),
    N_("The bounce does not give enough information to decide the cause."),
    N_("Send the bounce to your provider's support.") },
  [MD_REASON_POLICYVIOLATION] = { "policyviolation", MD_ACTOR_SENDER,
    N_("Refused by policy"),
    N_("The receiver's rules do not allow this message (content, attachment or sender)."),
    N_("Read the server's words to see which rule, and change the message.") },
  [MD_REASON_REJECTED] = { "rejected", MD_ACTOR_SENDER_ADMIN,
    N_("Sender address refused"),
    N_("The receiver refused your sender address."),
    N_("Check the sender address of your account and your domain's DNS.") },
  [MD_REASON_REQUIREPTR] = { "requireptr", MD_ACTOR_SENDER_ADMIN,
    N_("No reverse DNS"),
    N_("Your sending server's address has no valid reverse DNS name."),
    N_("Ask whoever runs your sending server to set a PTR record.") },
  [MD_REASON_SECURITYERROR] = { "securityerror", MD_ACTOR_SENDER,
    N_("Login or security problem"),
    N_("Logging in failed, or a security rule was not met."),
    N_("Check the password and the security settings (SSL/TLS, port) of the account.") },
  [MD_REASON_SPAMDETECTED] = { "spamdetected", MD_ACTOR_SENDER,
    N_("Taken for spam"),
    N_("The receiver's filter judged the message to be spam."),
    N_("Rewrite the message (fewer links, no shortened URLs) and check your server's reputation.") },
  [MD_REASON_SPEEDING] = { "speeding", MD_ACTOR_NOBODY,
    N_("Sending too fast"),
    N_("The receiver limits how fast it takes mail from you."),
    N_("Wait and send more slowly.") },
  [MD_REASON_SUSPEND] = { "suspend", MD_ACTOR_RECIPIENT,
    N_("Recipient's account suspended"),
    N_("The recipient's mailbox exists but is disabled or suspended."),
    N_("Contact the recipient another way.") },
  [MD_REASON_SYNTAXERROR] = { "syntaxerror", MD_ACTOR_SENDER_ADMIN,
    N_("Command error"),
    N_("The sending program used a command the server did not accept."),
    N_("Check the program's settings or update it.") },
  [MD_REASON_SYSTEMERROR] = { "systemerror", MD_ACTOR_RECIPIENT_ADMIN,
    N_("Receiving server problem"),
    N_("The recipient's server had a problem of its own."),
    N_("Wait and send again later.") },
  [MD_REASON_SYSTEMFULL] = { "systemfull", MD_ACTOR_RECIPIENT_ADMIN,
    N_("Receiving server full"),
    N_("The recipient's server has run out of disk space."),
    N_("Wait and send again later.") },
  [MD_REASON_TOOMANYCONN] = { "toomanyconn", MD_ACTOR_NOBODY,
    N_("Too many connections"),
    N_("Your server opened more connections than the receiver allows."),
    N_("Wait: the message is retried.") },
  [MD_REASON_USERUNKNOWN] = { "userunknown", MD_ACTOR_SENDER,
    N_("Address does not exist"),
    N_("The recipient's server does not know this address."),
    N_("Check the spelling, or ask the recipient for their address.") },
  [MD_REASON_VACATION] = { "vacation", MD_ACTOR_NOBODY,
    N_("Automatic reply"),
    N_("This is an automatic reply, such as an out-of-office message, not a failure."),
    N_("Nothing to do.") },
  [MD_REASON_VIRUSDETECTED] = { "virusdetected", MD_ACTOR_SENDER,
    N_("Virus detected"),
    N_("The receiver found a virus in the message."),
    N_("Scan your computer and send the message again without the attachment.") },
};

static MdCodeClass
class_from_digit (char digit)
{
  switch (digit)
    {
    case '1': return MD_CODE_CLASS_POSITIVE_PRELIMINARY;
    case '2': return MD_CODE_CLASS_SUCCESS;
    case '3': return MD_CODE_CLASS_INTERMEDIATE;
    case '4': return MD_CODE_CLASS_TEMPORARY;
    case '5': return MD_CODE_CLASS_PERMANENT;
    default: return MD_CODE_CLASS_UNKNOWN;
    }
}

MdCodeClass
md_code_class_from_digit (char digit)
{
  return class_from_digit (digit);
}

const char *
md_code_class_to_string (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY: return _("In progress");
    case MD_CODE_CLASS_SUCCESS: return _("Success");
    case MD_CODE_CLASS_INTERMEDIATE: return _("Waiting for more");
    case MD_CODE_CLASS_TEMPORARY: return _("Temporary failure");
    case MD_CODE_CLASS_PERMANENT: return _("Permanent failure");
    case MD_CODE_CLASS_UNKNOWN:
    default: return _("Unknown");
    }
}

/* Parses "5.1.1": the class digit, then subject and detail of up to three
 * digits each, and nothing else. */
static gboolean
parse_enhanced (const char *code,
                char       *klass,
                guint      *subject,
                guint      *detail)
{
  const char *p = code;
  guint values[2] = { 0, 0 };

  if (code == NULL || (p[0] != '2' && p[0] != '4' && p[0] != '5') || p[1] != '.')
    return FALSE;
  *klass = p[0];
  p += 2;
  for (guint i = 0; i < 2; i++)
    {
      guint digits = 0;

      while (g_ascii_isdigit (*p) && digits < 3)
        {
          values[i] = values[i] * 10 + (guint) (*p - '0');
          p++;
          digits++;
        }
      if (digits == 0 || g_ascii_isdigit (*p))
        return FALSE;
      if (i == 0 && *p++ != '.')
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  *subject = values[0];
  *detail = values[1];

  return TRUE;
}

static int
compare_reply (const void *key,
               const void *member)
{
  guint code = *(const guint *) key;
  const ReplyEntry *entry = member;

  return (code > entry->code) - (code < entry->code);
}

static GHashTable *enhanced_infos;   /* "5.1.1" → MdCodeInfo */
static MdCodeInfo *reply_infos;
static MdCodeInfo *range_infos;

static MdCodeInfo *
info_new_static (const char   *code,
                 MdCodeClass   klass,
                 MdCodeOrigin  origin,
                 const char   *vendor,
                 MdReason      reason,
                 const char   *title,
                 const char   *meaning,
                 const char   *advice)
{
  MdCodeInfo *info = g_new0 (MdCodeInfo, 1);

  info->code = code;
  info->klass = klass;
  info->origin = origin;
  info->vendor = vendor;
  info->reason = reason;
  info->title = title;
  info->meaning = meaning;
  info->advice = advice;

  return info;
}

/* Built once, on first use: the scanner may ask for every code it meets. */
static void
ensure_tables (void)
{
  static gsize initialized;

  if (!g_once_init_enter (&initialized))
    return;

  reply_infos = g_new0 (MdCodeInfo, G_N_ELEMENTS (reply_codes));
  for (guint i = 0; i < G_N_ELEMENTS (reply_codes); i++)
    {
      const ReplyEntry *e = &reply_codes[i];

      reply_infos[i] = (MdCodeInfo) { g_strdup_printf ("%u", e->code), e->klass, e->origin, e->vendor,
                                      e->title, e->meaning, e->advice, e->reason };
    }

  enhanced_infos = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (enhanced_codes); i++)
    {
      const EnhancedEntry *e = &enhanced_codes[i];
      MdCodeOrigin origin = e->vendor ? MD_CODE_ORIGIN_PROVIDER : MD_CODE_ORIGIN_STANDARD;

      if (e->code[0] == 'X')
        {
          static const char classes[] = { '2', '4', '5' };

          for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
            {
              char *code = g_strdup_printf ("%c%s", classes[c], e->code + 1);

              g_hash_table_insert (enhanced_infos, code,
                                   info_new_static (code, class_from_digit (classes[c]), origin, e->vendor,
                                                    e->reason, e->title, e->meaning, e->advice));
            }
        }
      else
        {
          /* A provider's own meaning replaces the registry's, inserted above. */
          g_free (g_hash_table_lookup (enhanced_infos, e->code));
          g_hash_table_insert (enhanced_infos, (char *) e->code,
                             info_new_static (e->code, class_from_digit (e->code[0]), origin, e->vendor,
                                              e->reason, e->title, e->meaning, e->advice));
        }
    }

  range_infos = g_new0 (MdCodeInfo, G_N_ELEMENTS (enhanced_ranges));
  for (guint i = 0; i < G_N_ELEMENTS (enhanced_ranges); i++)
    {
      const EnhancedRange *r = &enhanced_ranges[i];

      range_infos[i] = (MdCodeInfo) { g_strdup_printf ("%c.%u.%u-%c.%u.%u", r->klass, r->subject, r->detail_min,
                                                       r->klass, r->subject, r->detail_max),
                                      class_from_digit (r->klass), MD_CODE_ORIGIN_PROVIDER, r->vendor,
                                      r->title, r->meaning, r->advice, r->reason };
    }

  g_once_init_leave (&initialized, 1);
}

const MdCodeInfo *
md_codes_lookup_reply (guint reply_code)
{
  const ReplyEntry *entry;

  ensure_tables ();
  entry = bsearch (&reply_code, reply_codes, G_N_ELEMENTS (reply_codes),
                   sizeof (ReplyEntry), compare_reply);

  return entry != NULL ? &reply_infos[entry - reply_codes] : NULL;
}

const MdCodeInfo *
md_codes_lookup_enhanced (const char *enhanced_code)
{
  const MdCodeInfo *info;
  char klass;
  guint subject, detail;

  if (!parse_enhanced (enhanced_code, &klass, &subject, &detail))
    return NULL;

  ensure_tables ();
  if ((info = g_hash_table_lookup (enhanced_infos, enhanced_code)) != NULL)
    return info;
  for (guint i = 0; i < G_N_ELEMENTS (enhanced_ranges); i++)
    {
      const EnhancedRange *r = &enhanced_ranges[i];

      if (r->klass == klass && r->subject == subject && detail >= r->detail_min && detail <= r->detail_max)
        return &range_infos[i];
    }

  return NULL;
}

void
md_code_info_free (MdCodeInfo *info)
{
  if (info == NULL)
    return;
  g_free ((char *) info->code);
  g_free ((char *) info->vendor);
  g_free ((char *) info->title);
  g_free ((char *) info->meaning);
  g_free ((char *) info->advice);
  g_free (info);
}

static MdCodeInfo *
info_copy_translated (const MdCodeInfo *info,
                      const char       *code)
{
  MdCodeInfo *copy = g_new0 (MdCodeInfo, 1);

  copy->code = g_strdup (code);
  copy->klass = info->klass;
  copy->origin = info->origin;
  copy->vendor = g_strdup (info->vendor);
  copy->reason = info->reason;
  copy->title = g_strdup (info->title ? _(info->title) : NULL);
  copy->meaning = g_strdup (info->meaning ? _(info->meaning) : NULL);
  copy->advice = g_strdup (info->advice ? _(info->advice) : NULL);

  return copy;
}

static const char *
class_meaning (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_SUCCESS: return _("The step succeeded.");
    case MD_CODE_CLASS_TEMPORARY: return _("A temporary failure: the sending server keeps trying for a while.");
    case MD_CODE_CLASS_PERMANENT: return _("A permanent failure: the message will not be delivered as it is.");
    case MD_CODE_CLASS_POSITIVE_PRELIMINARY:
    case MD_CODE_CLASS_INTERMEDIATE: return _("The server is waiting for the next step.");
    case MD_CODE_CLASS_UNKNOWN:
    default: return _("This is not a code of a known class.");
    }
}

static const char *
class_advice (MdCodeClass klass)
{
  switch (klass)
    {
    case MD_CODE_CLASS_TEMPORARY: return _("Wait: the message is retried automatically.");
    case MD_CODE_CLASS_PERMANENT: return _("Read the server's words after the code to know what to change.");
    default: return _("Nothing to do.");
    }
}

MdCodeInfo *
md_codes_describe_reply (guint reply_code)
{
  const MdCodeInfo *known = md_codes_lookup_reply (reply_code);
  g_autofree char *code = g_strdup_printf ("%u", reply_code);
  MdCodeInfo *info;
  const char *topic;

  if (known != NULL)
    return info_copy_translated (known, code);

  switch ((reply_code / 10) % 10)
    {
    case 0: topic = _("about the syntax of a command"); break;
    case 1: topic = _("giving information"); break;
    case 2: topic = _("about the connection"); break;
    case 5: topic = _("about the mail system"); break;
    default: topic = _("of an unspecified kind"); break;
    }

  info = g_new0 (MdCodeInfo, 1);
  info->code = g_steal_pointer (&code);
  info->klass = reply_code >= 100 && reply_code < 600 ? class_from_digit ('0' + reply_code / 100) : MD_CODE_CLASS_UNKNOWN;
  info->origin = MD_CODE_ORIGIN_DERIVED;
  info->title = g_strdup (md_code_class_to_string (info->klass));
  /* Translators: the first %s is a class ("A temporary failure…"), the second what the code is about. */
  info->meaning = g_strdup_printf (_("%s This code is not in Mail Doctor's list; its digits say it is a reply %s."),
                                   class_meaning (info->klass), topic);
  info->advice = g_strdup (class_advice (info->klass));

  return info;
}

MdCodeInfo *
md_codes_describe_enhanced (const char *enhanced_code)
{
  const MdCodeInfo *known = md_codes_lookup_enhanced (enhanced_code);
  MdCodeInfo *info;
  const char *topic;
  char klass = '0';
  guint subject = 99, detail = 0;

  if (known != NULL)
    return info_copy_translated (known, enhanced_code);

  parse_enhanced (enhanced_code, &klass, &subject, &detail);
  switch (subject)
    {
    case 0: topic = _("a problem of another kind"); break;
    case 1: topic = _("an address problem"); break;
    case 2: topic = _("a mailbox problem"); break;
    case 3: topic = _("a mail system problem"); break;
    case 4: topic = _("a network or routing problem"); break;
    case 5: topic = _("a mail protocol problem"); break;
    case 6: topic = _("a message content problem"); break;
    case 7: topic = _("a security or policy problem"); break;
    default: topic = _("a problem of an unknown kind"); break;
    }

  info = g_new0 (MdCodeInfo, 1);
  info->code = g_strdup (enhanced_code ? enhanced_code : "");
  info->klass = class_from_digit (klass);
  info->origin = MD_CODE_ORIGIN_DERIVED;
  info->title = g_strdup (md_code_class_to_string (info->klass));
  /* Translators: the first %s is a class ("A temporary failure…"), the second a kind of problem. */
  info->meaning = g_strdup_printf (_("%s This code is not in Mail Doctor's list; its digits say it is %s."),
                                   class_meaning (info->klass), topic);
  info->advice = g_strdup (class_advice (info->klass));

  return info;
}

const char *
md_reason_to_id (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, "undefined");
  return reasons[reason].id;
}

MdReason
md_reason_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < MD_REASON_LAST; i++)
    if (g_ascii_strcasecmp (reasons[i].id, id) == 0)
      return i;

  return MD_REASON_UNDEFINED;
}

const char *
md_reason_get_title (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, NULL);
  return _(reasons[reason].title);
}

const char *
md_reason_get_explanation (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, NULL);
  return _(reasons[reason].explanation);
}

const char *
md_reason_get_advice (MdReason reason)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, NULL);
  return _(reasons[reason].advice);
}

MdActor
md_reason_get_actor (MdReason reason,
                     gboolean permanent)
{
  g_return_val_if_fail (reason < MD_REASON_LAST, MD_ACTOR_NOBODY);

  /* A temporary failure is retried by the sending server: nobody acts yet. */
  return permanent ? reasons[reason].actor : MD_ACTOR_NOBODY;
}

gboolean
md_reason_is_hard_bounce (MdReason reason,
                          gboolean permanent)
{
  return permanent && (reason == MD_REASON_USERUNKNOWN || reason == MD_REASON_HOSTUNKNOWN ||
                       reason == MD_REASON_HASMOVED || reason == MD_REASON_NOTACCEPT);
}

const char *
md_actor_to_id (MdActor actor)
{
  switch (actor)
    {
    case MD_ACTOR_SENDER: return "sender";
    case MD_ACTOR_SENDER_ADMIN: return "sender-admin";
    case MD_ACTOR_RECIPIENT: return "recipient";
    case MD_ACTOR_RECIPIENT_ADMIN: return "recipient-admin";
    case MD_ACTOR_NOBODY:
    default: return "nobody";
    }
}

const char *
md_actor_get_label (MdActor actor)
{
  switch (actor)
    {
    case MD_ACTOR_SENDER: return _("You, the sender");
    case MD_ACTOR_SENDER_ADMIN: return _("Your e-mail provider or administrator");
    case MD_ACTOR_RECIPIENT: return _("The recipient");
    case MD_ACTOR_RECIPIENT_ADMIN: return _("The recipient's provider or administrator");
    case MD_ACTOR_NOBODY:
    default: return _("Nobody: wait, it is retried");
    }
}
