/* md-codes.c — the knowledge base: SMTP reply codes, enhanced status codes
 * and bounce reasons
 *
 * Every entry is a static MdCodeInfo with N_() strings, translated when it is
 * presented. Reply codes are sorted and searched with bsearch(). Enhanced
 * codes of the IANA registry are written once without their class ("X.1.1")
 * and indexed once per class on first use; providers' meanings are kept apart
 * so that a code keeps its standard meaning unless the caller knows whose
 * server spoke.
 *
 * The reasons follow Sisimai's taxonomy (shared/bounces/README.md) and its
 * table of status codes, so the classifier can use them as a prior.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "md-codes.h"

/* Reply codes: all of RFC 5321 (with RFC 3207, 4954, 5248 and 7504), and the
 * client-side, vendor and non-standard codes that guides and bounces show.
 * Sorted by code. Where guides disagree, the RFCs decide: SMTP has no 1xx
 * replies, and 4xx is always temporary. */
static const MdCodeInfo reply_codes[] = {
  { "101", MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_CLIENT, NULL,
    N_("Cannot connect to the server"),
    N_("Your mail program could not open a connection to the server, often because the server name is misspelt. The code comes from the program itself: mail servers never send 1xx replies."),
    N_("Check the spelling of the server name in the account settings; if it is right, try the other port (465 or 587)."),
    MD_REASON_NETWORKERROR },
  { "111", MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_CLIENT, NULL,
    N_("Connection refused"),
    N_("The server's address was reached but nothing accepted the connection, so no SMTP session could start. The code comes from the mail program (some guides give it other meanings, but SMTP has no 1xx replies)."),
    N_("Check the server name and port, and that a firewall or antivirus does not block mail; if they are right, ask your e-mail or Internet provider."),
    MD_REASON_NETWORKERROR },
  { "120", MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Delivery pending"),
    N_("Some programs show this code while a message is on its way and the recipient's server has not answered yet. It is not a mail server reply: SMTP defines no 1xx codes."),
    N_("Nothing to do yet. If the message bounces later, check the recipient's address."),
    MD_REASON_UNDEFINED },
  { "130", MD_CODE_CLASS_POSITIVE_PRELIMINARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Waiting for confirmation"),
    N_("Some programs show this code when a message was handed over but no confirmation came back yet. It is not a mail server reply: SMTP defines no 1xx codes."),
    N_("Nothing to do yet. If the recipient says nothing arrived, contact them another way."),
    MD_REASON_UNDEFINED },
  { "211", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("System status"),
    N_("The server answers a request for its status or for help; it says nothing about your message."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "214", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Help message"),
    N_("The server answers the HELP command, often with a link to its documentation."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "220", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Server ready"),
    N_("The server greets the sender and is ready to take mail."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "221", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Closing the connection"),
    N_("The server ends the conversation normally, once the work is done."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "235", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Logged in"),
    N_("The server accepted the user name and password (RFC 4954)."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "250", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Accepted"),
    N_("The server accepted the command or the message: this step went well."),
    N_("Nothing to do."),
    MD_REASON_DELIVERED },
  { "251", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Accepted and forwarded"),
    N_("The recipient is not on this server, but the server will pass the message on to the right place, for example through a forwarding rule."),
    N_("Nothing to do."),
    MD_REASON_DELIVERED },
  { "252", MD_CODE_CLASS_SUCCESS, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Accepted without checking the address"),
    N_("The server cannot confirm the address now but accepts the message and will try to deliver it."),
    N_("Nothing to do."),
    MD_REASON_DELIVERED },
  { "334", MD_CODE_CLASS_INTERMEDIATE, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Login in progress"),
    N_("The server waits for the next part of the login, such as the user name or the password (RFC 4954)."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "354", MD_CODE_CLASS_INTERMEDIATE, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Ready for the message"),
    N_("The server has the sender and the recipients and now waits for the content of the message."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "420", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, "GroupWise",
    N_("Connection timed out (GroupWise)"),
    N_("A GroupWise server reports a timeout or a connection problem. Only GroupWise uses this code."),
    N_("Your server tries again by itself. If it keeps failing, contact the administrator of the recipient's mail server: their firewall is the usual cause."),
    MD_REASON_NETWORKERROR },
  { "421", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Service not available"),
    N_("The server is closing the connection for now: it is overloaded, under maintenance, or limiting how much mail it takes from your server."),
    N_("Nothing to do at first: your server tries again. Check that mail to other domains goes through; if only this one keeps failing, check that your server is not on a blocklist."),
    MD_REASON_BLOCKED },
  { "422", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Recipient's mailbox over its limit"),
    N_("Some servers use this code when the recipient's mailbox has gone over its storage limit. It is not an RFC 5321 code."),
    N_("Tell the recipient another way (phone, another address) so that they free some space, then send again."),
    MD_REASON_MAILBOXFULL },
  { "431", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Receiving server short of space"),
    N_("Some servers use this code when they run out of disk space or memory, often because they are overloaded. It is not an RFC 5321 code."),
    N_("Your server tries again. If it lasts, split a long list of recipients into smaller sendings."),
    MD_REASON_SYSTEMFULL },
  { "432", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, "Exchange",
    N_("Incoming queue stopped (Exchange)"),
    N_("A Microsoft Exchange server has stopped its queue of incoming mail. In the SMTP login standard (RFC 4954) the same code asks for a password change."),
    N_("Your server tries again. Tell the recipient another way: their administrator must restart the queue."),
    MD_REASON_SYSTEMERROR },
  { "441", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Recipient's server not answering"),
    N_("The recipient's server does not respond. Some servers use this code; it is not in RFC 5321."),
    N_("Nothing to do: your server keeps trying for a few days."),
    MD_REASON_NETWORKERROR },
  { "442", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Connection dropped"),
    N_("The connection broke during the transfer, often because of a router or an unstable network. It is not an RFC 5321 code."),
    N_("Check your Internet connection and your router, then send again."),
    MD_REASON_NETWORKERROR },
  { "446", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Too many hops"),
    N_("The message went through too many servers, which points to a loop in forwarding or routing. It is not an RFC 5321 code."),
    N_("If you send through your provider's server, report it to their support: an administrator must find the loop."),
    MD_REASON_NETWORKERROR },
  { "447", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Sending session timed out"),
    N_("The session expired because of problems on the recipient's incoming server, often after sending limits were exceeded. It is not an RFC 5321 code."),
    N_("Split the list of recipients into smaller groups and send again."),
    MD_REASON_EXPIRED },
  { "449", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, "Exchange",
    N_("Routing error (Exchange)"),
    N_("A Microsoft Exchange server could not find a route for the message. Only Exchange uses this code."),
    N_("Tell the recipient's administrator: Microsoft suggests running its routing diagnostic (WinRoute) on their server."),
    MD_REASON_SYSTEMERROR },
  { "450", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox unavailable for now"),
    N_("The mailbox cannot take the message right now: it is busy or locked, the server delays unknown senders (greylisting), or your server's address is refused for a while, for example because of a blocklist."),
    N_("Nothing to do at first: your server tries again. If it lasts, look up your server's address on a blocklist such as Spamhaus, and avoid wording that looks like spam."),
    MD_REASON_UNDEFINED },
  { "451", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Local error on the server"),
    N_("The server hit a problem of its own while handling the message: a passing overload, or a failed check such as the SPF record of the sender's domain."),
    N_("Nothing to do at first: your server tries again. Read the server's words; if it lasts, contact that server's administrator."),
    MD_REASON_SYSTEMERROR },
  { "452", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Insufficient storage"),
    N_("The server cannot store the message right now, or too many messages or recipients came at once."),
    N_("Nothing to do at first: your server tries again. If it lasts, send to fewer recipients at a time."),
    MD_REASON_SYSTEMFULL },
  { "454", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Encryption or login unavailable for now"),
    N_("The server cannot start encryption (TLS) or check the login at the moment (RFC 3207, RFC 4954)."),
    N_("Try again later; if it lasts, check the security settings of the account (SSL/TLS, port)."),
    MD_REASON_SECURITYERROR },
  { "455", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Parameters not accepted for now"),
    N_("The server cannot handle the options given with the sender or recipient command at the moment."),
    N_("Wait and try again; if it keeps failing, contact the administrator of the recipient's mail server."),
    MD_REASON_SYSTEMERROR },
  { "471", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Held by a local filter"),
    N_("Your own mail server held the message back, usually because of its anti-spam filter. It is not an RFC 5321 code."),
    N_("Contact your e-mail provider's support and give them this bounce."),
    MD_REASON_SPAMDETECTED },
  { "500", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Command not recognised"),
    N_("The server did not understand a command, sometimes because the line was too long. An antivirus or firewall that inspects outgoing mail often causes it."),
    N_("Turn off mail scanning in your antivirus or firewall for a moment and send again; update your mail program if it persists."),
    MD_REASON_SYNTAXERROR },
  { "501", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Invalid parameters"),
    N_("A command had wrong arguments, most often a badly written e-mail address."),
    N_("Check the recipient's address for typos, spaces or forbidden characters; an antivirus or firewall can also cause this."),
    MD_REASON_SYNTAXERROR },
  { "502", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Command not implemented"),
    N_("The server knows the command but does not offer it, or it is turned off in its configuration."),
    N_("Ask your e-mail provider which settings to use; another authentication or security option often helps."),
    MD_REASON_SYNTAXERROR },
  { "503", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Bad sequence of commands"),
    N_("The commands came in the wrong order; most often the program tried to send without logging in first."),
    N_("Turn on authentication for the outgoing server (SMTP) in your mail program, with the same user name and password as for incoming mail."),
    MD_REASON_SYNTAXERROR },
  { "504", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Parameter not implemented"),
    N_("The server does not support an option of the command, for example the login method."),
    N_("Change the authentication method or the security settings of the account, or ask your provider which ones to use."),
    MD_REASON_SYNTAXERROR },
  { "510", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Bad address"),
    N_("One of the addresses in To, Cc or Bcc does not exist. Some servers use this code; it is not in RFC 5321."),
    N_("Check every recipient's address for typos and correct it."),
    MD_REASON_USERUNKNOWN },
  { "511", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Bad address"),
    N_("The recipient's address does not exist or is badly written. Some servers use this code; it is not in RFC 5321."),
    N_("Check every recipient's address for typos and correct it."),
    MD_REASON_USERUNKNOWN },
  { "512", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Recipient's domain not found"),
    N_("A DNS error: no server could be found for the domain after the @, often because of a typo such as .coom instead of .com."),
    N_("Check the domain part of every recipient's address."),
    MD_REASON_HOSTUNKNOWN },
  { "513", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Address type incorrect"),
    N_("An address is not written in a valid way; sometimes the server actually wants you to log in first."),
    N_("Correct the recipients' addresses; if they are right, turn on authentication for the outgoing server."),
    MD_REASON_USERUNKNOWN },
  { "521", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Server accepts no mail"),
    N_("This server never accepts mail (RFC 7504)."),
    N_("Check the address with the recipient: this domain does not receive e-mail here."),
    MD_REASON_NOTACCEPT },
  { "523", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Message too large for the recipient"),
    N_("Some servers use 523 when the total size of the message is over the recipient's limit. The registry of enhanced codes pairs it with 5.7.10, encryption needed."),
    N_("Send smaller attachments or a download link, or split the sending into smaller groups."),
    MD_REASON_MESGTOOBIG },
  { "525", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Account disabled"),
    N_("The login worked, but the account is disabled, for example for non-payment or abuse (RFC 5248)."),
    N_("If it is your account, contact your provider to have it enabled again."),
    MD_REASON_SUSPEND },
  { "530", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Authentication required"),
    N_("The server requires you to log in, or to encrypt the connection, before sending. Some servers also use it when they block your server or an address is invalid."),
    N_("Turn on authentication and SSL/TLS for the outgoing server in your mail program; if it persists, check the addresses and the blocklists."),
    MD_REASON_SECURITYERROR },
  { "534", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Authentication method too weak"),
    N_("The server refuses this way of logging in; some providers require an application password."),
    N_("Use encryption, or create an application password in your account's security settings."),
    MD_REASON_SECURITYERROR },
  { "535", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Login refused"),
    N_("The user name or password was not accepted."),
    N_("Check the password in webmail; if it works there, type it again in your mail program."),
    MD_REASON_SECURITYERROR },
  { "538", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Encryption required to log in"),
    N_("This login method may only be used over an encrypted connection (RFC 4954)."),
    N_("Turn on SSL/TLS (port 465) or STARTTLS (port 587) for the outgoing server."),
    MD_REASON_SECURITYERROR },
  { "541", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, NULL,
    N_("Refused by the recipient's filter"),
    N_("The recipient's server refused the message, usually because its anti-spam filter flagged it. It is not an RFC 5321 code."),
    N_("Ask the recipient to add your address to their allowed senders, and check the content and links of the message."),
    MD_REASON_SPAMDETECTED },
  { "550", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Refused: mailbox unavailable"),
    N_("The message was refused for good. Most often the address does not exist; sometimes a firewall, a filter or a policy refused it."),
    N_("Read the server's words after the code: they say whether the address, your server or the content is at fault."),
    MD_REASON_UNDEFINED },
  { "551", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("User not local"),
    N_("The recipient is not on this server and it will not pass the message on. Servers often use it to refuse relaying; it may suggest another address."),
    N_("Check the recipient's address. If you send through a server other than your provider's, use your provider's outgoing server with authentication."),
    MD_REASON_NORELAYING },
  { "552", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Storage exceeded"),
    N_("The recipient's mailbox is full, or the message is larger than the space allowed."),
    N_("Tell the recipient another way so that they free some space, or send a smaller message: large attachments often cause this."),
    MD_REASON_MAILBOXFULL },
  { "553", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox name not allowed"),
    N_("An address is not accepted: usually it is badly written."),
    N_("Check every address in To, Cc and Bcc for typos."),
    MD_REASON_USERUNKNOWN },
  { "554", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Transaction failed"),
    N_("The server refused the message for good, most often because it took it for spam or your server's address is on a blocklist."),
    N_("Read the server's words; look up your server's address on the blocklists (Spamhaus) and check the message's content."),
    MD_REASON_BLOCKED },
  { "555", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Parameters not recognised"),
    N_("The server did not accept the options of the sender (MAIL FROM) or recipient (RCPT TO) command."),
    N_("Check the sender and recipient addresses. Some providers also answer this when a sending limit is reached (for example 200 messages an hour per account): then wait and send later."),
    MD_REASON_SYNTAXERROR },
  { "556", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Domain accepts no mail"),
    N_("The recipient's domain declares that it receives no e-mail (RFC 7504)."),
    N_("Check the address with the recipient."),
    MD_REASON_NOTACCEPT },
};

/* The IANA registry of enhanced status codes (RFC 3463 and its updates), in
 * its order, written without the class: "X.1.1" stands for 2.1.1, 4.1.1 and
 * 5.1.1. The reason is the one of a permanent failure; temporary_reasons
 * below gives the few that differ for 4.X.X, and 2.X.X is always a success.
 * The causes and fixes of the Exchange guide (seed 001) are folded in. */
static const MdCodeInfo registry_codes[] = {
  { "X.0.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Undefined status"),
    N_("The server gives no detail beyond success or failure."),
    N_("Read the server's words that follow the code."),
    MD_REASON_UNDEFINED },
  { "X.1.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Address problem"),
    N_("Something about an address of the message caused this report. Microsoft Exchange uses 5.1.0 when the recipient has blocked the sender."),
    N_("Check the sender's and recipients' addresses. If the recipient blocked you by mistake, they can lift the block in their webmail options."),
    MD_REASON_USERUNKNOWN },
  { "X.1.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox does not exist"),
    N_("The part before the @ is unknown on the recipient's server: the address is wrong, or it existed once and was changed or deleted."),
    N_("Check the address and send again. If your mail program filled it in for you, delete the old suggestion from its list (Outlook keeps outdated ones)."),
    MD_REASON_USERUNKNOWN },
  { "X.1.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Domain does not exist"),
    N_("The part after the @ does not exist or cannot receive mail."),
    N_("Check the spelling of the domain in the address."),
    MD_REASON_HOSTUNKNOWN },
  { "X.1.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Address badly written"),
    N_("The recipient's address is not valid as written."),
    N_("Look for spaces, accents, commas or missing characters in the address."),
    MD_REASON_USERUNKNOWN },
  { "X.1.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Ambiguous address"),
    N_("The address matches more than one mailbox on the recipient's server."),
    N_("Use the recipient's exact, full address."),
    MD_REASON_FILTERED },
  { "X.1.5", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Address valid"),
    N_("The recipient's address is valid; reports of successful delivery use this code."),
    N_("Nothing to do."),
    MD_REASON_DELIVERED },
  { "X.1.6", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox has moved"),
    N_("The address was valid once, but it no longer receives mail and there is no forwarding address."),
    N_("Ask the recipient for their new address and update your address book."),
    MD_REASON_HASMOVED },
  { "X.1.7", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Sender address badly written"),
    N_("Your own (sender) address is not valid as written."),
    N_("Check the address set in your mail program's account."),
    MD_REASON_REJECTED },
  { "X.1.8", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Sender's domain refused"),
    N_("The domain of your sender address does not exist or cannot receive replies."),
    N_("Check that your domain name is still active and has working MX records."),
    MD_REASON_REJECTED },
  { "X.1.9", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Relayed to a non-standard system"),
    N_("The address was valid, but the message went on to a system that sends no delivery reports, so nothing more is known."),
    N_("Nothing to do unless the recipient says the message did not arrive."),
    MD_REASON_SYSTEMERROR },
  { "X.1.10", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Recipient's domain accepts no mail"),
    N_("The recipient's domain publishes a null MX record: it declares that it never receives e-mail. Microsoft 365 also uses 5.1.10 for an address that does not exist."),
    N_("Check the address with the recipient: as written, it cannot receive e-mail."),
    MD_REASON_NOTACCEPT },
  { "X.2.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox problem"),
    N_("The mailbox exists, but something about it prevented delivery."),
    N_("Read the server's words; try again later or contact the recipient another way."),
    MD_REASON_FILTERED },
  { "X.2.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox disabled"),
    N_("The mailbox exists but does not accept messages: it is disabled, suspended, or set to refuse them. This may be for a while or for good."),
    N_("Contact the recipient another way."),
    MD_REASON_FILTERED },
  { "X.2.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox full"),
    N_("The recipient's mailbox is over its storage quota and cannot take new messages."),
    N_("Tell the recipient another way: they must delete messages, or their administrator must raise the quota. Then send again."),
    MD_REASON_MAILBOXFULL },
  { "X.2.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Message too big for this mailbox"),
    N_("The message is larger than the limit set for this recipient's mailbox."),
    N_("Send it again without the attachment (or with a download link), or ask the recipient's administrator about the limit."),
    MD_REASON_EXCEEDLIMIT },
  { "X.2.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailing list problem"),
    N_("The address is a mailing list that could not be expanded to its members."),
    N_("Tell the list's owner or administrator."),
    MD_REASON_FILTERED },
  { "X.3.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mail system problem"),
    N_("The recipient's mail system normally accepts mail, but something on it caused this report."),
    N_("Try again later; if it lasts, tell the recipient another way."),
    MD_REASON_SYSTEMERROR },
  { "X.3.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mail system full"),
    N_("The receiving server has run out of storage or memory, a full disk for example."),
    N_("Wait: the receiving server's administrator must free disk space or memory."),
    MD_REASON_SYSTEMFULL },
  { "X.3.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Server not accepting mail"),
    N_("The receiving server does not take messages now: it is shutting down, overloaded, in maintenance, or its queue is frozen."),
    N_("Wait: your server tries again. If it lasts, the receiving administrator must release the queue."),
    MD_REASON_NOTACCEPT },
  { "X.3.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Feature not supported"),
    N_("The receiving system cannot handle a feature the message asks for."),
    N_("Send a simpler message: plain text, without special options."),
    MD_REASON_SYSTEMERROR },
  { "X.3.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Message too big for the system"),
    N_("The message is larger than the receiving server accepts."),
    N_("Send smaller attachments or a download link."),
    MD_REASON_MESGTOOBIG },
  { "X.3.5", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("System misconfigured"),
    N_("The receiving system is set up in a way that prevents it from accepting this message."),
    N_("Tell the recipient another way: their administrator must fix the configuration."),
    MD_REASON_SYSTEMERROR },
  { "X.3.6", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Priority changed"),
    N_("The message was accepted, but with another priority than the one requested."),
    N_("Nothing to do."),
    MD_REASON_UNDEFINED },
  { "X.4.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Network or routing problem"),
    N_("Something went wrong in the network or in routing, without more detail."),
    N_("Try again later; if it lasts, check the recipient's domain."),
    MD_REASON_NETWORKERROR },
  { "X.4.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("No answer from the server"),
    N_("The recipient's server did not answer: it is busy, down or unreachable. Microsoft 365 uses 5.4.1 to refuse a recipient (unknown address, or relaying not allowed)."),
    N_("Nothing to do at first: your server tries again for a while. If it fails for good, check the recipient's domain and send again later."),
    MD_REASON_UNDEFINED },
  { "X.4.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Connection dropped"),
    N_("The connection between the servers broke before the message was through: a timeout, a poor network or a server going down."),
    N_("Nothing to do at first: your server tries again for a while."),
    MD_REASON_NETWORKERROR },
  { "X.4.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Directory or DNS failure"),
    N_("A look-up needed to route the message failed, for example the DNS server could not be reached."),
    N_("Wait; if it lasts, check the DNS of the recipient's domain."),
    MD_REASON_SYSTEMERROR },
  { "X.4.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Unable to route"),
    N_("No route to the recipient's domain could be found: it has no MX record or no working mail server. Microsoft 365 reports a domain that does not exist this way."),
    N_("Check that the domain in the address is right and that it has an MX record."),
    MD_REASON_HOSTUNKNOWN },
  { "X.4.5", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mail system congested"),
    N_("The mail system is overloaded and could not deliver the message. Gmail uses 5.4.5 when an account has reached its daily sending limit."),
    N_("Wait: your server tries again for a while."),
    MD_REASON_SYSTEMFULL },
  { "X.4.6", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Routing loop"),
    N_("The message was passed around between servers too many times, because of wrong routing or a forwarding loop."),
    N_("Check forwarding rules and MX records for a loop."),
    MD_REASON_NETWORKERROR },
  { "X.4.7", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Delivery time expired"),
    N_("The message waited too long: the sending server kept trying but could not deliver it in time."),
    N_("The receiving side is usually at fault: check the recipient's address and that their server is set up to receive mail, then send again."),
    MD_REASON_EXPIRED },
  { "X.5.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Protocol problem"),
    N_("Something went wrong in the conversation between the mail servers."),
    N_("Read the server's words after the code."),
    MD_REASON_UNDEFINED },
  { "X.5.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Invalid command"),
    N_("A command was sent out of order or is not supported."),
    N_("Check the mail program's settings (authentication, security)."),
    MD_REASON_SYNTAXERROR },
  { "X.5.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Syntax error"),
    N_("A command could not be understood: wrong syntax or unknown command."),
    N_("Update the mail program, and check that an antivirus does not alter the mail traffic."),
    MD_REASON_SYNTAXERROR },
  { "X.5.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Too many recipients"),
    N_("The message has more recipients (To, Cc and Bcc together) than the server allows for one message."),
    N_("Split the recipients into smaller groups and send again."),
    MD_REASON_TOOMANYCONN },
  { "X.5.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Invalid command arguments"),
    N_("A command had arguments the server does not accept."),
    N_("Check the addresses and the mail program's settings."),
    MD_REASON_SYSTEMERROR },
  { "X.5.5", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Wrong protocol version"),
    N_("The servers do not speak the same version of the protocol."),
    N_("The administrators must check their servers."),
    MD_REASON_SYSTEMERROR },
  { "X.5.6", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Login line too long"),
    N_("The login exchange sent more data than the server accepts."),
    N_("Choose another authentication method in the account settings."),
    MD_REASON_SYNTAXERROR },
  { "X.6.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Content problem"),
    N_("Something in the content of the message made it undeliverable."),
    N_("Check the attachments and the formatting, then send again."),
    MD_REASON_CONTENTERROR },
  { "X.6.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Content type not supported"),
    N_("The receiving system cannot handle this kind of content."),
    N_("Send the content in a common format, such as PDF instead of an unusual file type."),
    MD_REASON_CONTENTERROR },
  { "X.6.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Conversion prohibited"),
    N_("The message would need converting on the way, which the message or the sending server forbids."),
    N_("Send it without special encoding options."),
    MD_REASON_CONTENTERROR },
  { "X.6.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Conversion not supported"),
    N_("The message needs a conversion that a server on the way cannot do."),
    N_("Send it in a simpler format."),
    MD_REASON_CONTENTERROR },
  { "X.6.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Converted with loss"),
    N_("The message had to be converted and some content was lost; if such a loss was forbidden, the message was refused."),
    N_("Check with the recipient that the message reads well."),
    MD_REASON_CONTENTERROR },
  { "X.6.5", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Conversion failed"),
    N_("A needed conversion of the content failed."),
    N_("Send it in a simpler format."),
    MD_REASON_CONTENTERROR },
  { "X.6.6", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Content not available"),
    N_("The content of the message could not be fetched from where it was stored."),
    N_("Send the message again."),
    MD_REASON_CONTENTERROR },
  { "X.6.7", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Non-ASCII address not allowed"),
    N_("An address with accents or other non-ASCII characters is not accepted here."),
    N_("Use an address without accents."),
    MD_REASON_CONTENTERROR },
  { "X.6.8", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("UTF-8 reply not possible"),
    N_("The server would need to answer in UTF-8, which the sending program does not allow."),
    N_("Update the sending program."),
    MD_REASON_CONTENTERROR },
  { "X.6.9", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("UTF-8 headers not transferable"),
    N_("Headers in UTF-8 cannot be passed on to a recipient, so the message was refused."),
    N_("Avoid accents in addresses and in the subject."),
    MD_REASON_CONTENTERROR },
  { "X.6.10", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("UTF-8 reply not possible"),
    N_("A deprecated duplicate of X.6.8: the server would need to answer in UTF-8, which the sending program does not allow."),
    N_("Update the sending program."),
    MD_REASON_CONTENTERROR },
  { "X.7.0", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Security or policy refusal"),
    N_("A security rule or policy refused the message, without more detail."),
    N_("Read the server's words to see which rule."),
    MD_REASON_SECURITYERROR },
  { "X.7.1", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Delivery not authorised"),
    N_("The recipient's server refused the message by policy: a blocklist, a spam filter, or a sender not allowed to write to this recipient."),
    N_("Read the server's words: they tell whether your address, your server or the content is refused."),
    MD_REASON_SECURITYERROR },
  { "X.7.2", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("List expansion prohibited"),
    N_("You are not allowed to send to this mailing list."),
    N_("Ask the list's owner for permission."),
    MD_REASON_SECURITYERROR },
  { "X.7.3", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Security conversion impossible"),
    N_("A conversion between two secure mail formats was needed and could not be done."),
    N_("Send the message without encryption or signature options."),
    MD_REASON_SECURITYERROR },
  { "X.7.4", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Security features not supported"),
    N_("The server does not support the security features requested."),
    N_("Change the security settings of the account."),
    MD_REASON_SECURITYERROR },
  { "X.7.5", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Cryptographic failure"),
    N_("Decrypting the message or checking its signature failed, for lack of a valid key."),
    N_("Send the message again without encryption."),
    MD_REASON_SECURITYERROR },
  { "X.7.6", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Algorithm not supported"),
    N_("The encryption or signature algorithm used is not supported."),
    N_("Use another encryption setting."),
    MD_REASON_SECURITYERROR },
  { "X.7.7", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Integrity check failed"),
    N_("The message was damaged or changed on the way."),
    N_("Send it again."),
    MD_REASON_SECURITYERROR },
  { "X.7.8", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Login refused"),
    N_("The user name or password was not accepted."),
    N_("Check the password in webmail, then type it again in your mail program."),
    MD_REASON_SECURITYERROR },
  { "X.7.9", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Authentication too weak"),
    N_("The login method is weaker than the server allows; an application password may be needed. Yahoo uses 5.7.9 for a sender that passes neither SPF nor DKIM."),
    N_("Turn on SSL/TLS, or create an application password."),
    MD_REASON_SECURITYERROR },
  { "X.7.10", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Encryption needed"),
    N_("The server requires an encrypted connection for this login method."),
    N_("Turn on SSL/TLS in the account settings."),
    MD_REASON_SECURITYERROR },
  { "X.7.11", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Encryption needed to log in"),
    N_("This login method needs an encrypted connection."),
    N_("Turn on SSL/TLS in the account settings."),
    MD_REASON_SECURITYERROR },
  { "X.7.12", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Password change needed"),
    N_("The account must switch to another login method, usually by logging in once with a plain password."),
    N_("Log in once in webmail, or change the password in the control panel."),
    MD_REASON_SECURITYERROR },
  { "X.7.13", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Account disabled"),
    N_("The user's account is disabled, for example for non-payment or abuse."),
    N_("If it is yours, check the account in the control panel; otherwise contact the recipient another way."),
    MD_REASON_SUSPEND },
  { "X.7.14", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Trust relationship required"),
    N_("The servers need a trust arrangement they do not have."),
    N_("The administrators must set it up."),
    MD_REASON_SECURITYERROR },
  { "X.7.15", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Priority too low"),
    N_("The priority of the message is too low for this server at the moment."),
    N_("Send it again later."),
    MD_REASON_SECURITYERROR },
  { "X.7.16", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Too big for its priority"),
    N_("The message is too big for the priority it asked for."),
    N_("Send a smaller message."),
    MD_REASON_MESGTOOBIG },
  { "X.7.17", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mailbox owner changed"),
    N_("The address now belongs to someone else than the person you meant to write to."),
    N_("Ask the recipient for their current address."),
    MD_REASON_HASMOVED },
  { "X.7.18", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Domain owner changed"),
    N_("The recipient's domain now belongs to someone else."),
    N_("Ask the recipient for their current address."),
    MD_REASON_HASMOVED },
  { "X.7.19", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Ownership test impossible"),
    N_("The server could not check that the address still has the same owner."),
    N_("Send the message again without that option."),
    MD_REASON_SECURITYERROR },
  { "X.7.20", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("No valid DKIM signature"),
    N_("The message has no DKIM signature that passes."),
    N_("Turn on DKIM signing for your domain at your provider."),
    MD_REASON_AUTHFAILURE },
  { "X.7.21", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("No acceptable DKIM signature"),
    N_("The DKIM signatures pass but are not acceptable to the receiver."),
    N_("Check your domain's DKIM setup."),
    MD_REASON_AUTHFAILURE },
  { "X.7.22", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("No DKIM signature of the author's domain"),
    N_("No valid DKIM signature matches the domain of the From address."),
    N_("Sign with your own domain's DKIM key."),
    MD_REASON_AUTHFAILURE },
  { "X.7.23", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("SPF check failed"),
    N_("The sending server is not allowed by the domain's SPF record."),
    N_("Add your sending server or provider to your domain's SPF record."),
    MD_REASON_AUTHFAILURE },
  { "X.7.24", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("SPF error"),
    N_("The domain's SPF record could not be evaluated."),
    N_("Fix the SPF record: one record, valid syntax, at most 10 look-ups."),
    MD_REASON_AUTHFAILURE },
  { "X.7.25", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Reverse DNS failed"),
    N_("The sending server's address has no matching reverse DNS name."),
    N_("Ask whoever runs your sending server to set a PTR record."),
    MD_REASON_REQUIREPTR },
  { "X.7.26", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Authentication checks failed"),
    N_("Several checks (SPF, DKIM, DMARC) failed for this message."),
    N_("Set up SPF and DKIM for your domain, aligned with its DMARC policy."),
    MD_REASON_AUTHFAILURE },
  { "X.7.27", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Sender's domain has null MX"),
    N_("The sender's domain declares that it receives no mail, so no reply or report could reach it. Gmail uses 4.7.27 for a message that did not pass SPF."),
    N_("Send from a domain that receives mail."),
    MD_REASON_REJECTED },
  { "X.7.28", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("Mail flood detected"),
    N_("The receiver saw an unusual volume of similar mail and takes this message for part of it."),
    N_("Slow down the sending and check that your account is not sending spam."),
    MD_REASON_SPAMDETECTED },
  { "X.7.29", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("ARC check failed"),
    N_("The message's forwarding signatures (ARC) did not pass."),
    N_("The forwarding server's administrator must check ARC."),
    MD_REASON_AUTHFAILURE },
  { "X.7.30", MD_CODE_CLASS_UNKNOWN, MD_CODE_ORIGIN_STANDARD, NULL,
    N_("REQUIRETLS not supported"),
    N_("The message required encryption all the way, which a server on the path cannot do. Gmail uses 4.7.30 for a message without a passing DKIM signature."),
    N_("Send it without that requirement."),
    MD_REASON_SECURITYERROR },
};

/* Where a persistent transient failure (4.X.X) has another usual reason
 * than the permanent one, as in Sisimai's table of status codes. */
static const struct {
  const char *code;
  MdReason    reason;
} temporary_reasons[] = {
  { "X.1.0", MD_REASON_UNDEFINED },
  { "X.2.0", MD_REASON_UNDEFINED },
  { "X.2.1", MD_REASON_SUSPEND },
  { "X.4.1", MD_REASON_EXPIRED },
  { "X.4.4", MD_REASON_NETWORKERROR },
  { "X.7.0", MD_REASON_UNDEFINED },
  { "X.7.1", MD_REASON_BLOCKED },
  { "X.7.2", MD_REASON_BLOCKED },
};

/* Meanings that providers document for their own use of a code (see
 * shared/iana/README.md for where each is documented), grouped by provider.
 * A range is written "first-last" and an exact code inside a range wins. */
static const MdCodeInfo provider_codes[] = {
  /* Gmail and Google Workspace: support.google.com/a/answer/3726730 */
  { "4.2.1", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Recipient receiving mail too fast (Gmail)"),
    N_("Gmail delays mail to this recipient, who is receiving messages at an unusually high rate."),
    N_("Nothing to do: your server tries again. If you send this person many messages, space them out."),
    MD_REASON_SPEEDING },
  { "4.2.2", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Recipient over quota (Gmail)"),
    N_("The recipient's Gmail storage is full for now."),
    N_("Your server keeps trying; you can also tell the recipient to free some space."),
    MD_REASON_MAILBOXFULL },
  { "4.7.0", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Low sender reputation (Gmail)"),
    N_("Gmail slows down mail from your server's address or domain because its reputation is very low."),
    N_("Give your domain SPF, DKIM and DMARC records, send only to people who asked for your mail, and ask your provider to check its sending servers."),
    MD_REASON_BADREPUTATION },
  { "4.7.26", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Unauthenticated sender slowed down (Gmail)"),
    N_("Gmail limits mail that passes neither SPF nor DKIM."),
    N_("Set up SPF and DKIM for your domain."),
    MD_REASON_AUTHFAILURE },
  { "4.7.27", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("SPF did not pass (Gmail)"),
    N_("Gmail limits this mail because its SPF check did not pass."),
    N_("Add your sending server to your domain's SPF record."),
    MD_REASON_AUTHFAILURE },
  { "4.7.28", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Unusual rate of unwanted mail (Gmail)"),
    N_("Gmail slows down mail from this sender after an unusual rate of unsolicited messages."),
    N_("Send less at a time, and check that your account or server is not sending spam."),
    MD_REASON_BLOCKED },
  { "4.7.30", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("DKIM did not pass (Gmail)"),
    N_("Gmail limits this mail because it has no passing DKIM signature."),
    N_("Turn on DKIM signing for your domain."),
    MD_REASON_AUTHFAILURE },
  { "4.7.32", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("From not aligned (Gmail)"),
    N_("The domain of the From address matches neither the SPF nor the DKIM domain."),
    N_("Sign and send with the same domain as the From address."),
    MD_REASON_AUTHFAILURE },
  { "5.2.1", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Recipient's account disabled (Gmail)"),
    N_("The Gmail account you wrote to is disabled."),
    N_("Contact the recipient another way and ask for an address they use."),
    MD_REASON_SUSPEND },
  { "5.2.2", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Recipient over quota (Gmail)"),
    N_("The recipient's Gmail storage is full, so the message was refused."),
    N_("Tell the recipient another way to free some space, then send again."),
    MD_REASON_MAILBOXFULL },
  { "5.3.4", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Message too big (Gmail)"),
    N_("The message, attachments included, is over Gmail's size limit."),
    N_("Share the files through a download link instead of attaching them."),
    MD_REASON_MESGTOOBIG },
  { "5.4.5", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Daily sending limit reached (Gmail)"),
    N_("The sending Gmail or Google Workspace account has reached its daily limit of messages."),
    N_("Wait up to 24 hours before sending again, and spread large sendings over several days."),
    MD_REASON_SPEEDING },
  { "5.7.0", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Login required (Gmail)"),
    N_("Gmail's outgoing server wants your mail program to log in, over an encrypted connection, before sending."),
    N_("Turn on authentication and SSL/TLS for the outgoing server in your mail program."),
    MD_REASON_SECURITYERROR },
  { "5.7.1", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Refused for low reputation (Gmail)"),
    N_("Gmail refused the message as suspicious because the reputation of your server's address or domain is very low."),
    N_("Give your domain SPF, DKIM and DMARC records, send only to people who asked for your mail, and ask your provider to check its sending servers."),
    MD_REASON_BADREPUTATION },
  { "5.7.8", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("User name or password not accepted (Gmail)"),
    N_("Gmail did not accept the login of your mail program."),
    N_("Check the password; if the account uses two-step verification, create an app password and use it in the mail program."),
    MD_REASON_SECURITYERROR },
  { "5.7.9", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("App password required (Gmail)"),
    N_("Gmail requires an application-specific password for this mail program."),
    N_("Create an app password in your Google account's security settings and enter it in the mail program."),
    MD_REASON_SECURITYERROR },
  { "5.7.25", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("No reverse DNS (Gmail)"),
    N_("Gmail refused the message because the sending server's address has no PTR record."),
    N_("Ask whoever runs your sending server to set a PTR record."),
    MD_REASON_REQUIREPTR },
  { "5.7.26", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Not authenticated (Gmail)"),
    N_("Gmail refused the message: it did not pass SPF or DKIM, or the sender domain's DMARC policy rejects it."),
    N_("Set up SPF and DKIM for your domain, aligned with its DMARC policy."),
    MD_REASON_AUTHFAILURE },
  { "5.7.28", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Gmail",
    N_("Unusual rate of unwanted mail (Gmail)"),
    N_("Gmail refuses mail from this sender after an unusual rate of unsolicited messages."),
    N_("Check that your account or server is not sending spam, then ask your provider to review its sending."),
    MD_REASON_BLOCKED },

  /* Microsoft 365 (Exchange Online): its reference of delivery reports */
  { "4.7.650", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Slowed down for IP reputation (Microsoft 365)"),
    N_("Microsoft 365 limits mail from your server's address because of its reputation."),
    N_("Your server tries again. If it lasts, ask your provider to check the reputation of its sending servers."),
    MD_REASON_BADREPUTATION },
  { "4.7.500-4.7.699", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Access denied for now (Microsoft 365)"),
    N_("Microsoft 365 temporarily restricts mail from your server's address after suspicious activity."),
    N_("Your server tries again; if the activity is legitimate, the restriction is lifted soon."),
    MD_REASON_BLOCKED },
  { "5.1.1", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Recipient not found (Microsoft 365)"),
    N_("The address does not exist in the recipient's organisation, or your mail program offered an outdated entry from its list of suggestions."),
    N_("Check the address; delete the suggestion from Outlook's list and type the address in full."),
    MD_REASON_USERUNKNOWN },
  { "5.1.10", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Recipient not found (Microsoft 365)"),
    N_("The recipient's address does not exist in the receiving organisation."),
    N_("Check the address with the recipient."),
    MD_REASON_USERUNKNOWN },
  { "5.4.1", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Recipient rejected: access denied (Microsoft 365)"),
    N_("The receiving organisation does not know the recipient, or refuses to relay for this domain: the server's words say which."),
    N_("Check the address; if it is right, the recipient's MX records may point to the wrong place."),
    MD_REASON_USERUNKNOWN },
  { "5.4.4", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Domain does not exist (Microsoft 365)"),
    N_("The recipient's domain could not be found in the DNS."),
    N_("Check the domain of the address."),
    MD_REASON_HOSTUNKNOWN },
  { "5.7.57", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Not logged in to send (Microsoft 365)"),
    N_("The mail program or device sent without logging in to the outgoing server."),
    N_("Turn on authentication for the outgoing server (port 587, STARTTLS)."),
    MD_REASON_SECURITYERROR },
  { "5.7.501-5.7.503", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Sender banned for spam (Microsoft 365)"),
    N_("Microsoft 365 banned the sending account after detecting spam or abuse, often because the account was hacked."),
    N_("Change the account's password, check it for abuse, then ask your provider's support to restore sending."),
    MD_REASON_REJECTED },
  { "5.7.509", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("DMARC failure (Microsoft 365)"),
    N_("The domain of the From address does not pass its own DMARC policy."),
    N_("Align SPF and DKIM with the sender's domain."),
    MD_REASON_AUTHFAILURE },
  { "5.7.606-5.7.649", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Sending address banned (Microsoft 365)"),
    N_("Microsoft 365 refuses mail from the sending server's address."),
    N_("Ask for the address to be delisted through Microsoft's delisting portal."),
    MD_REASON_BLOCKED },
  { "5.7.700-5.7.749", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Sending organisation over its threshold (Microsoft 365)"),
    N_("The sending organisation exceeded a sending threshold and Microsoft 365 no longer accepts its mail."),
    N_("The sender's administrator must look for a hacked account or an open relay, then contact Microsoft support."),
    MD_REASON_SPEEDING },
  { "5.7.750", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Microsoft 365",
    N_("Unregistered sending domain (Microsoft 365)"),
    N_("The sending organisation sends from domains it has not registered with Microsoft 365."),
    N_("The sender's administrator must add and verify every domain used for sending."),
    MD_REASON_REJECTED },

  /* Exchange servers (the Exchange guide, seed 001) */
  { "5.1.0", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_VENDOR, "Exchange",
    N_("Sender denied (Exchange)"),
    N_("The recipient has blocked your address."),
    N_("Ask the recipient to lift the block: in Exchange's webmail it is in the options, under blocked and allowed senders."),
    MD_REASON_REJECTED },

  /* Yahoo and AOL: Yahoo's help for senders */
  { "4.7.0", MD_CODE_CLASS_TEMPORARY, MD_CODE_ORIGIN_PROVIDER, "Yahoo",
    N_("Deferred for volume or complaints (Yahoo)"),
    N_("Yahoo delays mail from your server's address because of an unexpected volume or complaints from its users."),
    N_("Your server tries again. Send less at a time and only to people who asked for your mail."),
    MD_REASON_REJECTED },
  { "5.7.1", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Yahoo",
    N_("Sending address on a blocklist (Yahoo)"),
    N_("Yahoo refuses connections from your server's address because it is on a Spamhaus blocklist."),
    N_("Look up the address on spamhaus.org and follow its removal steps, or ask your provider to."),
    MD_REASON_BLOCKED },
  { "5.7.2", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Yahoo",
    N_("Permanently deferred (Yahoo)"),
    N_("Yahoo no longer accepts any mail from your server's address; trying again will not help."),
    N_("Ask your provider to contact Yahoo's postmaster service about the sending address."),
    MD_REASON_REJECTED },
  { "5.7.9", MD_CODE_CLASS_PERMANENT, MD_CODE_ORIGIN_PROVIDER, "Yahoo",
    N_("Sender not authenticated (Yahoo)"),
    N_("Yahoo requires every sender to pass SPF or DKIM."),
    N_("Set up SPF and DKIM for your domain."),
    MD_REASON_AUTHFAILURE },
};

/* Host names and phrases that tell whose server wrote a bounce. */
static const struct {
  const char *marker;   /* lower case */
  const char *vendor;
} vendor_markers[] = {
  { "google.com", "Gmail" },
  { "gmail.com", "Gmail" },
  { "googlemail.com", "Gmail" },
  { "outlook.com", "Microsoft 365" },
  { "office365.com", "Microsoft 365" },
  { "hotmail.com", "Microsoft 365" },
  { "exchangelabs.com", "Microsoft 365" },
  { "resolver.adr.", "Microsoft 365" },
  { "smtpsend.", "Microsoft 365" },
  { "microsoft exchange", "Exchange" },
  { "yahoo.", "Yahoo" },
  { "yahoodns.net", "Yahoo" },
  { "aol.com", "Yahoo" },
};

typedef struct {
  const char *id;
  MdActor     actor;     /* when permanent; for a temporary failure nobody acts yet */
  const char *title;
  const char *explanation;
  const char *advice;
} ReasonInfo;

/* Indexed by MdReason; the ids are Sisimai's. */
static const ReasonInfo reasons[MD_REASON_LAST] = {
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
    N_("The message exceeded a limit of the receiving server, such as its size for this mailbox."),
    N_("Make the message smaller, or send to fewer recipients at once.") },
  [MD_REASON_EXPIRED] = { "expired", MD_ACTOR_SENDER,
    N_("Delivery gave up"),
    N_("Your server tried for a long time and gave up: the recipient's server did not answer or kept refusing for a while."),
    N_("Check the recipient's domain and send again later. If it keeps failing, tell the recipient another way that their mail server does not answer.") },
  [MD_REASON_FEEDBACK] = { "feedback", MD_ACTOR_SENDER,
    N_("Complaint report"),
    N_("A recipient marked your message as spam and this is the provider's report."),
    N_("Stop sending to that recipient.") },
  [MD_REASON_FILTERED] = { "filtered", MD_ACTOR_RECIPIENT,
    N_("Refused by the recipient's filter"),
    N_("The recipient's server accepted the address but a filter, a rule or the state of the mailbox refused this message."),
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
  [MD_REASON_NORELAYING] = { "norelaying", MD_ACTOR_SENDER,
    N_("Relaying refused"),
    N_("The server refused to pass the message on: you are probably not logged in to it, or the recipient's domain points to the wrong server."),
    N_("Turn on authentication for the outgoing server in your mail program.") },
  [MD_REASON_NOTACCEPT] = { "notaccept", MD_ACTOR_SENDER,
    N_("Domain accepts no mail"),
    N_("The recipient's domain or server declares that it receives no e-mail."),
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
    N_("The receiver refused your sender address or its domain."),
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
  [MD_REASON_SPEEDING] = { "speeding", MD_ACTOR_SENDER,
    N_("Sending too fast"),
    N_("The receiver limits how fast it takes mail from you, or your account reached its sending limit."),
    N_("Wait and send more slowly, spreading large sendings over time.") },
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
  [MD_REASON_TOOMANYCONN] = { "toomanyconn", MD_ACTOR_SENDER,
    N_("Too many connections or recipients"),
    N_("Your server opened more connections, or named more recipients, than the receiver allows."),
    N_("Send to fewer recipients at once; the retries of your server handle the connections.") },
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

typedef struct {
  const MdCodeInfo *info;
  char              klass;
  guint             subject;
  guint             first;
  guint             last;
} ProviderCode;

static GHashTable   *standard_index;      /* "5.1.1" → registry entry with its class */
static MdCodeInfo   *enhanced_infos;      /* the registry per class, then the providers */
static gsize         n_enhanced_infos;
static ProviderCode *providers;           /* parsed provider_codes, same order */

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

/* Reads "5.1.1" at code: the class digit (2, 4 or 5), then subject and
 * detail of one to three digits each; returns where it stopped, or NULL. */
static const char *
parse_enhanced_prefix (const char *code,
                       char       *klass,
                       guint      *subject,
                       guint      *detail)
{
  const char *p = code;
  guint values[2] = { 0, 0 };

  if ((p[0] != '2' && p[0] != '4' && p[0] != '5' && p[0] != 'X') || p[1] != '.')
    return NULL;
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
        return NULL;
      if (i == 0 && *p++ != '.')
        return NULL;
    }
  *subject = values[0];
  *detail = values[1];

  return p;
}

static gboolean
parse_enhanced (const char *code,
                char       *klass,
                guint      *subject,
                guint      *detail)
{
  const char *end = parse_enhanced_prefix (code, klass, subject, detail);

  return end != NULL && *end == '\0' && *klass != 'X';
}

static MdReason
reason_for_class (const MdCodeInfo *entry,
                  char              klass)
{
  if (klass == '2')
    return MD_REASON_DELIVERED;
  if (klass == '4')
    for (guint i = 0; i < G_N_ELEMENTS (temporary_reasons); i++)
      if (strcmp (temporary_reasons[i].code, entry->code) == 0)
        return temporary_reasons[i].reason;

  return entry->reason;
}

/* Built once, on first use, and kept for the life of the process: the
 * scanner may ask for every code it meets, from any thread. */
static void
ensure_tables (void)
{
  static gsize initialized;
  static const char classes[] = { '2', '4', '5' };
  gsize n = 0;

  if (!g_once_init_enter (&initialized))
    return;

  n_enhanced_infos = G_N_ELEMENTS (classes) * G_N_ELEMENTS (registry_codes) + G_N_ELEMENTS (provider_codes);
  enhanced_infos = g_new0 (MdCodeInfo, n_enhanced_infos);
  standard_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    for (guint i = 0; i < G_N_ELEMENTS (registry_codes); i++)
      {
        const MdCodeInfo *entry = &registry_codes[i];
        MdCodeInfo *info = &enhanced_infos[n++];

        *info = *entry;
        info->code = g_strdup_printf ("%c%s", classes[c], entry->code + 1);
        info->klass = class_from_digit (classes[c]);
        info->reason = reason_for_class (entry, classes[c]);
        g_hash_table_insert (standard_index, (char *) info->code, info);
      }

  providers = g_new0 (ProviderCode, G_N_ELEMENTS (provider_codes));
  for (guint i = 0; i < G_N_ELEMENTS (provider_codes); i++)
    {
      ProviderCode *p = &providers[i];
      const char *end;
      char last_klass;
      guint last_subject;

      enhanced_infos[n] = provider_codes[i];
      p->info = &enhanced_infos[n++];
      end = parse_enhanced_prefix (p->info->code, &p->klass, &p->subject, &p->first);
      g_assert (end != NULL);
      p->last = p->first;
      if (*end == '-')
        end = parse_enhanced_prefix (end + 1, &last_klass, &last_subject, &p->last);
      g_assert (end != NULL && *end == '\0');
    }

  g_once_init_leave (&initialized, 1);
}

/* An exact code first, then a range, for vendor or any vendor (NULL). */
static const MdCodeInfo *
find_provider (char        klass,
               guint       subject,
               guint       detail,
               const char *vendor)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (provider_codes); i++)
      {
        const ProviderCode *p = &providers[i];
        gboolean is_range = p->first != p->last;

        if ((pass == 0) == is_range || p->klass != klass || p->subject != subject ||
            detail < p->first || detail > p->last)
          continue;
        if (vendor == NULL || g_strcmp0 (vendor, p->info->vendor) == 0)
          return p->info;
      }

  return NULL;
}

static int
compare_code (const void *key,
              const void *member)
{
  const MdCodeInfo *info = member;

  return strcmp (key, info->code);
}

const MdCodeInfo *
md_codes_lookup_reply (guint reply_code)
{
  char key[4];

  if (reply_code < 100 || reply_code > 999)
    return NULL;
  g_snprintf (key, sizeof key, "%u", reply_code);

  return bsearch (key, reply_codes, G_N_ELEMENTS (reply_codes), sizeof (MdCodeInfo), compare_code);
}

const MdCodeInfo *
md_codes_lookup_enhanced (const char *enhanced_code)
{
  const MdCodeInfo *info;
  char klass;
  guint subject, detail;

  g_return_val_if_fail (enhanced_code != NULL, NULL);

  if (!parse_enhanced (enhanced_code, &klass, &subject, &detail))
    return NULL;

  ensure_tables ();
  if ((info = g_hash_table_lookup (standard_index, enhanced_code)) != NULL)
    return info;

  return find_provider (klass, subject, detail, NULL);
}

const MdCodeInfo *
md_codes_lookup_provider (const char *enhanced_code,
                          const char *vendor)
{
  const MdCodeInfo *info;
  char klass;
  guint subject, detail;

  g_return_val_if_fail (enhanced_code != NULL, NULL);
  g_return_val_if_fail (vendor != NULL, NULL);

  if (!parse_enhanced (enhanced_code, &klass, &subject, &detail))
    return NULL;

  ensure_tables ();
  info = find_provider (klass, subject, detail, vendor);
  /* Microsoft 365 runs Exchange: the server's own codes apply too. */
  if (info == NULL && strcmp (vendor, "Microsoft 365") == 0)
    info = find_provider (klass, subject, detail, "Exchange");

  return info;
}

const char *
md_codes_guess_vendor (const char *text,
                       gssize      length)
{
  gsize len;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  for (gsize pos = 0; pos < len; pos++)
    {
      char c = g_ascii_tolower (text[pos]);

      for (guint i = 0; i < G_N_ELEMENTS (vendor_markers); i++)
        {
          const char *marker = vendor_markers[i].marker;
          gsize marker_len = strlen (marker);

          if (c == marker[0] && len - pos >= marker_len &&
              g_ascii_strncasecmp (text + pos, marker, marker_len) == 0)
            return vendor_markers[i].vendor;
        }
    }

  return NULL;
}

const MdCodeInfo *
md_codes_list_reply (gsize *n_infos)
{
  g_return_val_if_fail (n_infos != NULL, NULL);

  *n_infos = G_N_ELEMENTS (reply_codes);
  return reply_codes;
}

const MdCodeInfo *
md_codes_list_enhanced (gsize *n_infos)
{
  g_return_val_if_fail (n_infos != NULL, NULL);

  ensure_tables ();
  *n_infos = n_enhanced_infos;
  return enhanced_infos;
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
  copy->title = g_strdup (_(info->title));
  copy->meaning = g_strdup (_(info->meaning));
  copy->advice = g_strdup (_(info->advice));

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

  /* RFC 5321 §4.2.1: the second digit tells what the reply is about. */
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
  info->reason = info->klass == MD_CODE_CLASS_SUCCESS ? MD_REASON_DELIVERED : MD_REASON_UNDEFINED;
  info->title = g_strdup (md_code_class_to_string (info->klass));
  /* Translators: the first %s is a class ("A temporary failure…"), the second what the code is about. */
  info->meaning = g_strdup_printf (_("%s This code is not in Mail Doctor's list; its digits say it is a reply %s."),
                                   class_meaning (info->klass), topic);
  info->advice = g_strdup (class_advice (info->klass));

  return info;
}

/* The title of the registry's catch-all entry for a subject ("X.1.0"). */
static const char *
registry_title_of_subject (guint subject)
{
  char code[16];

  g_snprintf (code, sizeof code, "X.%u.0", subject);
  for (guint i = 0; i < G_N_ELEMENTS (registry_codes); i++)
    if (strcmp (registry_codes[i].code, code) == 0)
      return registry_codes[i].title;

  return NULL;
}

MdCodeInfo *
md_codes_describe_enhanced (const char *enhanced_code)
{
  const MdCodeInfo *known;
  MdCodeInfo *info;
  const char *topic;
  const char *title;
  char klass = '0';
  guint subject = G_MAXUINT, detail = 0;

  g_return_val_if_fail (enhanced_code != NULL, NULL);

  if ((known = md_codes_lookup_enhanced (enhanced_code)) != NULL)
    return info_copy_translated (known, enhanced_code);

  /* RFC 3463 §3: the subject digit tells what the failure is about. */
  if (!parse_enhanced (enhanced_code, &klass, &subject, &detail))
    klass = '0';
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
  info->code = g_strdup (enhanced_code);
  info->klass = class_from_digit (klass);
  info->origin = MD_CODE_ORIGIN_DERIVED;
  info->reason = info->klass == MD_CODE_CLASS_SUCCESS ? MD_REASON_DELIVERED : MD_REASON_UNDEFINED;
  title = subject <= 7 ? registry_title_of_subject (subject) : NULL;
  info->title = g_strdup (title != NULL ? _(title) : md_code_class_to_string (info->klass));
  /* Translators: the first %s is a class ("A temporary failure…"), the second a kind of problem. */
  info->meaning = g_strdup_printf (_("%s This code is not in Mail Doctor's list; its digits say it is %s."),
                                   class_meaning (info->klass), topic);
  info->advice = g_strdup (class_advice (info->klass));

  return info;
}

MdCodeInfo *
md_codes_describe_enhanced_for (const char *enhanced_code,
                                const char *vendor)
{
  const MdCodeInfo *info;

  g_return_val_if_fail (enhanced_code != NULL, NULL);

  if (vendor != NULL && (info = md_codes_lookup_provider (enhanced_code, vendor)) != NULL)
    return info_copy_translated (info, enhanced_code);

  return md_codes_describe_enhanced (enhanced_code);
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
      return (MdReason) i;

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
  /* Sisimai's convention: only an address that cannot work, and only when
   * the failure is permanent. */
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
