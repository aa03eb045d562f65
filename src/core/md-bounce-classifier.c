/* md-bounce-classifier.c — decides the reason of a bounce from its codes and the server's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reasons are Sisimai's taxonomy, and the decision follows the same
 * broad order as that analyzer so that our verdicts can be compared with
 * it: a few provider phrases that settle the matter whatever the code says;
 * then the reasons a text or a specific status code proves (mailbox full,
 * unknown user, sender rejected, blocked…); then, when the status code is
 * missing or generic (5.0.0, 5.7.1, 4.4.7…), the weaker phrases; then the
 * class of the status, the reply code, the DSN action and the SMTP command.
 *
 * All the knowledge is in the tables below: phrases are lower-case, matched
 * as plain substrings of the diagnostic once it has been lower-cased and its
 * white space folded; a '*' in a phrase stands for any text in between.
 */

#include "config.h"

#include <string.h>

#include "md-bounce-classifier.h"

/* Enhanced status codes whose meaning names a reason. Codes missing here
 * (X.0.0, 4.1.1, 4.7.0…) say too little: the text decides. */
typedef struct {
  const char *code;
  MdReason    reason;
} StatusReason;

static const StatusReason status_reasons[] = {
  { "2.1.5",   MD_REASON_DELIVERED },
  { "4.1.6",   MD_REASON_HASMOVED },
  { "4.1.7",   MD_REASON_REJECTED },
  { "4.1.8",   MD_REASON_REJECTED },
  { "4.1.9",   MD_REASON_SYSTEMERROR },
  { "4.2.1",   MD_REASON_SUSPEND },
  { "4.2.2",   MD_REASON_MAILBOXFULL },
  { "4.2.3",   MD_REASON_EXCEEDLIMIT },
  { "4.2.4",   MD_REASON_FILTERED },
  { "4.3.1",   MD_REASON_SYSTEMFULL },
  { "4.3.2",   MD_REASON_NOTACCEPT },
  { "4.3.3",   MD_REASON_SYSTEMERROR },
  { "4.3.5",   MD_REASON_SYSTEMERROR },
  { "4.4.1",   MD_REASON_EXPIRED },
  { "4.4.2",   MD_REASON_NETWORKERROR },
  { "4.4.3",   MD_REASON_SYSTEMERROR },
  { "4.4.4",   MD_REASON_NETWORKERROR },
  { "4.4.5",   MD_REASON_SYSTEMFULL },
  { "4.4.6",   MD_REASON_NETWORKERROR },
  { "4.4.7",   MD_REASON_EXPIRED },
  { "4.4.8",   MD_REASON_NETWORKERROR },
  { "4.5.3",   MD_REASON_SYSTEMERROR },
  { "4.5.5",   MD_REASON_SYSTEMERROR },
  { "4.6.0",   MD_REASON_CONTENTERROR },
  { "4.6.2",   MD_REASON_CONTENTERROR },
  { "4.6.5",   MD_REASON_CONTENTERROR },
  { "4.7.1",   MD_REASON_BLOCKED },
  { "4.7.2",   MD_REASON_BLOCKED },
  { "4.7.5",   MD_REASON_SECURITYERROR },
  { "4.7.6",   MD_REASON_SECURITYERROR },
  { "4.7.7",   MD_REASON_SECURITYERROR },
  { "4.7.12",  MD_REASON_SECURITYERROR },
  { "4.7.15",  MD_REASON_SECURITYERROR },
  { "4.7.16",  MD_REASON_MESGTOOBIG },
  { "4.7.24",  MD_REASON_AUTHFAILURE },
  { "4.7.25",  MD_REASON_REQUIREPTR },
  { "4.7.26",  MD_REASON_AUTHFAILURE },
  { "5.1.0",   MD_REASON_USERUNKNOWN },
  { "5.1.1",   MD_REASON_USERUNKNOWN },
  { "5.1.2",   MD_REASON_HOSTUNKNOWN },
  { "5.1.3",   MD_REASON_USERUNKNOWN },
  { "5.1.4",   MD_REASON_FILTERED },
  { "5.1.6",   MD_REASON_HASMOVED },
  { "5.1.7",   MD_REASON_REJECTED },
  { "5.1.8",   MD_REASON_REJECTED },
  { "5.1.9",   MD_REASON_SYSTEMERROR },
  { "5.1.10",  MD_REASON_NOTACCEPT },
  { "5.2.0",   MD_REASON_FILTERED },
  { "5.2.1",   MD_REASON_FILTERED },
  { "5.2.2",   MD_REASON_MAILBOXFULL },
  { "5.2.3",   MD_REASON_EXCEEDLIMIT },
  { "5.2.4",   MD_REASON_FILTERED },
  { "5.3.0",   MD_REASON_SYSTEMERROR },
  { "5.3.1",   MD_REASON_SYSTEMFULL },
  { "5.3.2",   MD_REASON_NOTACCEPT },
  { "5.3.3",   MD_REASON_SYSTEMERROR },
  { "5.3.4",   MD_REASON_MESGTOOBIG },
  { "5.3.5",   MD_REASON_SYSTEMERROR },
  { "5.4.0",   MD_REASON_NETWORKERROR },
  { "5.4.3",   MD_REASON_SYSTEMERROR },
  { "5.4.4",   MD_REASON_HOSTUNKNOWN },
  { "5.5.2",   MD_REASON_SYNTAXERROR },
  { "5.5.3",   MD_REASON_TOOMANYCONN },
  { "5.5.4",   MD_REASON_SYSTEMERROR },
  { "5.5.5",   MD_REASON_SYSTEMERROR },
  { "5.5.6",   MD_REASON_SYNTAXERROR },
  { "5.6.0",   MD_REASON_CONTENTERROR },
  { "5.6.1",   MD_REASON_CONTENTERROR },
  { "5.6.2",   MD_REASON_CONTENTERROR },
  { "5.6.3",   MD_REASON_CONTENTERROR },
  { "5.6.5",   MD_REASON_CONTENTERROR },
  { "5.6.6",   MD_REASON_CONTENTERROR },
  { "5.6.7",   MD_REASON_CONTENTERROR },
  { "5.6.8",   MD_REASON_CONTENTERROR },
  { "5.6.9",   MD_REASON_CONTENTERROR },
  { "5.7.0",   MD_REASON_SECURITYERROR },
  { "5.7.1",   MD_REASON_SECURITYERROR },
  { "5.7.2",   MD_REASON_SECURITYERROR },
  { "5.7.3",   MD_REASON_SECURITYERROR },
  { "5.7.4",   MD_REASON_SECURITYERROR },
  { "5.7.5",   MD_REASON_SECURITYERROR },
  { "5.7.6",   MD_REASON_SECURITYERROR },
  { "5.7.7",   MD_REASON_SECURITYERROR },
  { "5.7.8",   MD_REASON_SECURITYERROR },
  { "5.7.9",   MD_REASON_SECURITYERROR },
  { "5.7.10",  MD_REASON_SECURITYERROR },
  { "5.7.11",  MD_REASON_SECURITYERROR },
  { "5.7.13",  MD_REASON_SUSPEND },
  { "5.7.14",  MD_REASON_SECURITYERROR },
  { "5.7.15",  MD_REASON_SECURITYERROR },
  { "5.7.16",  MD_REASON_MESGTOOBIG },
  { "5.7.17",  MD_REASON_HASMOVED },
  { "5.7.18",  MD_REASON_HASMOVED },
  { "5.7.19",  MD_REASON_SECURITYERROR },
  { "5.7.20",  MD_REASON_AUTHFAILURE },
  { "5.7.21",  MD_REASON_AUTHFAILURE },
  { "5.7.22",  MD_REASON_AUTHFAILURE },
  { "5.7.23",  MD_REASON_AUTHFAILURE },
  { "5.7.24",  MD_REASON_AUTHFAILURE },
  { "5.7.25",  MD_REASON_REQUIREPTR },
  { "5.7.26",  MD_REASON_AUTHFAILURE },
  { "5.7.27",  MD_REASON_NOTACCEPT },
  /* Microsoft 365 / Outlook.com extensions */
  { "4.4.316", MD_REASON_EXPIRED },
  { "5.4.312", MD_REASON_NETWORKERROR },
  { "5.4.316", MD_REASON_EXPIRED },
  { "5.7.509", MD_REASON_AUTHFAILURE },
  { "5.7.510", MD_REASON_SECURITYERROR },
  { "5.7.511", MD_REASON_BLOCKED },
  { "5.7.512", MD_REASON_POLICYVIOLATION },
  { "5.7.515", MD_REASON_AUTHFAILURE },
};

/* Status codes too vague to stand on their own when a phrase says more. */
static const MdReason retry_reasons[] = {
  MD_REASON_UNDEFINED, MD_REASON_ONHOLD, MD_REASON_SYSTEMERROR, MD_REASON_SECURITYERROR,
  MD_REASON_EXPIRED, MD_REASON_SUSPEND, MD_REASON_NETWORKERROR, MD_REASON_HOSTUNKNOWN,
  MD_REASON_USERUNKNOWN,
};

/* Words of one provider or one product that settle the reason, whatever
 * the status code claims (a size limit sent with 5.2.3, an unknown
 * recipient with 5.1.10…). */
typedef struct {
  const char *phrase;
  MdReason    reason;
} DecisivePhrase;

static const DecisivePhrase decisive_phrases[] = {
  /* KDDI (au, ezweb) refuses with an empty address before the colon when
   * the recipient's own filter turns the message away */
  { " : user unknown",                         MD_REASON_FILTERED },
  /* Microsoft Exchange and Microsoft 365 */
  { "the recipient name is not recognized",    MD_REASON_USERUNKNOWN },
  { "remote server returned unknown recipient", MD_REASON_USERUNKNOWN },
  { "resolver.adr.recipnotfound",              MD_REASON_USERUNKNOWN },
  { "resolver.adr.recipientnotfound",          MD_REASON_USERUNKNOWN },
  { "resolver.adr.exrecipnotfound",            MD_REASON_USERUNKNOWN },
  { "resolver.rst.recipsizelimit",             MD_REASON_MESGTOOBIG },
  { "resolver.rst.authrequired",               MD_REASON_SECURITYERROR },
  { "resolver.rst.notauthorized",              MD_REASON_FILTERED },
  { "mapiexceptionshutoffquotaexceeded",       MD_REASON_MAILBOXFULL },
  { "mapiexceptionquotaexceeded",              MD_REASON_MAILBOXFULL },
  { "queue.expired",                           MD_REASON_EXPIRED },
  { "banned sending ip",                       MD_REASON_BLOCKED },
  /* Lotus Domino */
  { "not listed in domino directory",          MD_REASON_USERUNKNOWN },
  { "not listed in public name & address book", MD_REASON_USERUNKNOWN },
  /* Gmail's help links name the case */
  { "?p=nosuchuser",                           MD_REASON_USERUNKNOWN },
  { "?p=disableduser",                         MD_REASON_SUSPEND },
  { "?p=overquotaperm",                        MD_REASON_MAILBOXFULL },
  { "?p=overquotatemp",                        MD_REASON_MAILBOXFULL },
  { "?p=receivingrateperm",                    MD_REASON_SPEEDING },
  { "?p=receivingrate",                        MD_REASON_SPEEDING },
  { "?p=dmarcrejection",                       MD_REASON_AUTHFAILURE },
  { "?p=unauthenticatedemail",                 MD_REASON_AUTHFAILURE },
  { "?p=rfcmessagenoncompliant",               MD_REASON_NOTCOMPLIANTRFC },
  { "very low reputation",                     MD_REASON_BADREPUTATION },
  /* Yahoo */
  { "delivery error: dd this user doesn't have a", MD_REASON_USERUNKNOWN },
  { "delivery error: dd sorry your message to",  MD_REASON_USERUNKNOWN },
  /* Yahoo deferrals for the sending IP's reputation */
  { "[tss04]",                                 MD_REASON_BADREPUTATION },
  { "[tsm04]",                                 MD_REASON_BADREPUTATION },
  /* GoDaddy: the sending IP went over its hourly quota */
  { "has sent to too many recipients this hour", MD_REASON_SPEEDING },
  { "messages with multiple addresses in from: header", MD_REASON_NOTCOMPLIANTRFC },
  /* Google Groups: the group does not exist or the sender may not post */
  { "groups.google.com/support",               MD_REASON_REJECTED },
};

/* What one provider means by its own words, believed only when the
 * remote server is that provider's (by a part of its host name). */
typedef struct {
  const char *host;
  const char *phrase;
  MdReason    reason;
} ProviderPhrase;

static const ProviderPhrase provider_phrases[] = {
  /* KDDI (au, ezweb) */
  { "ezweb.ne.jp",  ">: user unknown",                              MD_REASON_USERUNKNOWN },
  { "au.com",       ">: user unknown",                              MD_REASON_USERUNKNOWN },
  /* NTT docomo */
  { "docomo.ne.jp", "552 too much mail data",                       MD_REASON_MAILBOXFULL },
  { "docomo.ne.jp", "552 too many recipients",                      MD_REASON_TOOMANYCONN },
  { "docomo.ne.jp", "503 bad sequence of commands",                 MD_REASON_SYNTAXERROR },
  { "docomo.ne.jp", "504 command parameter not implemented",        MD_REASON_SYNTAXERROR },
  /* Mimecast's documented refusals */
  { "mimecast",     "spf sender invalid - envelope rejected",       MD_REASON_AUTHFAILURE },
  { "mimecast",     "dkim sender invalid - envelope rejected",      MD_REASON_AUTHFAILURE },
  { "mimecast",     "dmarc sender invalid - envelope rejected",     MD_REASON_AUTHFAILURE },
  { "mimecast",     "internal resources are temporarily unavailable", MD_REASON_BADREPUTATION },
  { "mimecast",     "local ct ip reputation",                       MD_REASON_BADREPUTATION },
  { "mimecast",     "sender address blocked",                       MD_REASON_BLOCKED },
  { "mimecast",     "recipient temporarily unavailable",            MD_REASON_BLOCKED },
  { "mimecast",     "ip temporarily blacklisted",                   MD_REASON_BLOCKED },
  { "mimecast",     "maximum email size exceeded",                  MD_REASON_MESGTOOBIG },
  { "mimecast",     "the incorrect hostname used for inbounds",     MD_REASON_NETWORKERROR },
  { "mimecast",     "mail loop detected",                           MD_REASON_NETWORKERROR },
  { "mimecast",     "open relay not allowed",                       MD_REASON_NORELAYING },
  { "mimecast",     "open relay is not allowed",                    MD_REASON_NORELAYING },
  { "mimecast",     "account inbounds disabled",                    MD_REASON_NOTACCEPT },
  { "mimecast",     "anti-spoofing policy",                         MD_REASON_POLICYVIOLATION },
  { "mimecast",     "content examination policy",                   MD_REASON_POLICYVIOLATION },
  { "mimecast",     "host network not allowed",                     MD_REASON_POLICYVIOLATION },
  { "mimecast",     "host network, not allowed",                    MD_REASON_POLICYVIOLATION },
  { "mimecast",     "envelope blocked - user",                      MD_REASON_REJECTED },
  { "mimecast",     "blocked senders",                              MD_REASON_REJECTED },
  { "mimecast",     "block policy for envelope from address",       MD_REASON_REJECTED },
  { "mimecast",     "incorrect authentication data",                MD_REASON_SECURITYERROR },
  { "mimecast",     "submitter failed to authenticate",             MD_REASON_SECURITYERROR },
  { "mimecast",     "this route requires",                          MD_REASON_SECURITYERROR },
  { "mimecast",     "unable to process connection at this time",    MD_REASON_SYSTEMERROR },
  { "mimecast",     "message ended early",                          MD_REASON_SYSTEMERROR },
  { "mimecast",     "account service is temporarily unavailable",   MD_REASON_TOOMANYCONN },
  { "mimecast",     "exceeding outbound thread limit",              MD_REASON_TOOMANYCONN },
};

/* Orange and La Poste end their answers with a numbered code
 * ("OFR_416", "LPN007_426"): its last three digits name the case. The
 * "service refused, try later" family says nothing about why. */
static const struct {
  guint    number;
  MdReason reason;
} orange_codes[] = {
  { 101, MD_REASON_BLOCKED },       { 102, MD_REASON_BLOCKED },
  { 103, MD_REASON_BLOCKED },       { 104, MD_REASON_TOOMANYCONN },
  { 105, MD_REASON_UNDEFINED },     { 107, MD_REASON_UNDEFINED },
  { 108, MD_REASON_UNDEFINED },     { 109, MD_REASON_UNDEFINED },
  { 201, MD_REASON_UNDEFINED },     { 305, MD_REASON_SECURITYERROR },
  { 401, MD_REASON_BLOCKED },       { 402, MD_REASON_SECURITYERROR },
  { 403, MD_REASON_REJECTED },      { 405, MD_REASON_REJECTED },
  { 415, MD_REASON_REJECTED },      { 416, MD_REASON_USERUNKNOWN },
  { 417, MD_REASON_MAILBOXFULL },   { 418, MD_REASON_USERUNKNOWN },
  { 420, MD_REASON_SUSPEND },       { 421, MD_REASON_REJECTED },
  { 423, MD_REASON_UNDEFINED },     { 424, MD_REASON_UNDEFINED },
  { 426, MD_REASON_SUSPEND },       { 505, MD_REASON_SYSTEMERROR },
  { 506, MD_REASON_SPAMDETECTED },  { 510, MD_REASON_BLOCKED },
  { 513, MD_REASON_UNDEFINED },     { 514, MD_REASON_MESGTOOBIG },
  { 517, MD_REASON_POLICYVIOLATION }, { 630, MD_REASON_POLICYVIOLATION },
  { 999, MD_REASON_BLOCKED },
};

/* Spectrum (Charter) answers carry "AUP#In-1310"-like codes, in ranges. */
static const struct {
  guint    first;
  guint    last;
  MdReason reason;
} spectrum_codes[] = {
  { 1000, 1000, MD_REASON_BLOCKED },
  { 1010, 1080, MD_REASON_REJECTED },
  { 1090, 1090, MD_REASON_SYSTEMERROR },
  { 1100, 1150, MD_REASON_REQUIREPTR },
  { 1160, 1190, MD_REASON_POLICYVIOLATION },
  { 1200, 1250, MD_REASON_BLOCKED },
  { 1260, 1260, MD_REASON_NETWORKERROR },
  { 1300, 1340, MD_REASON_TOOMANYCONN },
  { 1350, 1490, MD_REASON_SPEEDING },
  { 1500, 1520, MD_REASON_REJECTED },
  { 1530, 1530, MD_REASON_MESGTOOBIG },
  { 1540, 1550, MD_REASON_SPEEDING },
  { 1560, 1560, MD_REASON_POLICYVIOLATION },
  { 1580, 1580, MD_REASON_SPEEDING },
};

/* GoDaddy (secureserver.net) ends its answers with an "IB607"-like code. */
static const struct {
  guint    number;
  MdReason reason;
} godaddy_codes[] = {
  { 7,   MD_REASON_TOOMANYCONN },   { 101, MD_REASON_SPEEDING },
  { 103, MD_REASON_BADREPUTATION }, { 104, MD_REASON_BLOCKED },
  { 105, MD_REASON_BLOCKED },       { 106, MD_REASON_BLOCKED },
  { 108, MD_REASON_REQUIREPTR },    { 110, MD_REASON_BLOCKED },
  { 111, MD_REASON_BLOCKED },       { 112, MD_REASON_BLOCKED },
  { 113, MD_REASON_BLOCKED },       { 212, MD_REASON_SPAMDETECTED },
  { 401, MD_REASON_SECURITYERROR }, { 501, MD_REASON_NOTCOMPLIANTRFC },
  { 502, MD_REASON_NOTCOMPLIANTRFC }, { 504, MD_REASON_SPEEDING },
  { 506, MD_REASON_REJECTED },      { 508, MD_REASON_AUTHFAILURE },
  { 510, MD_REASON_SPEEDING },      { 605, MD_REASON_TOOMANYCONN },
  { 607, MD_REASON_SPEEDING },      { 705, MD_REASON_VIRUSDETECTED },
};

/* Phrases per reason. Each list is what MTAs and providers actually write. */

static const char * const mailboxfull_phrases[] = {
  "account is exceeding their quota",
  "account is over quota",
  "account is temporarily over quota",
  "boite du destinataire pleine",
  "delivery failed: over quota",
  "disc quota exceeded",
  "disk quota exceeded",
  "diskspace quota",
  "does not have enough space",
  "exceeded storage allocation",
  "exceeding its mailbox quota",
  "full mailbox",
  "inbox is out of storage space",
  "insufficient mailbox space",
  "is over disk quota",
  "is over quota",
  "mail quota exceeded",
  "mailbox exceeded the local limit",
  "mailbox exceeds allowed size",
  "mailbox full",
  "mailbox has exceeded its disk space limit",
  "mailbox is full",
  "mailbox over quota",
  "mailbox quota usage exceeded",
  "mailbox size limit exceeded",
  "maildir over quota",
  "maildir delivery failed: userdisk quota",
  "maildir delivery failed: domaindisk quota",
  "mailfolder is full",
  "not enough storage space in",
  "over the allowed quota",
  "quota exceeded",
  "quota violation for",
  "recipient reached disk quota",
  "would exceed maximum allowed storage",
  "the user's space has been used up",
  "too much mail data",
  "user has exceeded quota",
  "user has too many messages on the server",
  "user is over quota",
  "user is over the quota",
  "user over quota",
  "over quota",
  "mailbox has reached its limit",
  "boîte aux lettres pleine",
  "boite aux lettres pleine",
  "quota dépassé",
  "postfach voll",
  "buzón lleno",
  "casella piena",
};

static const char * const mesgtoobig_phrases[] = {
  "exceeded maximum inbound message size",
  "line limit exceeded",
  "max message size exceeded",
  "message file too big",
  "message length exceeds administrative limit",
  "message size exceeds fixed limit",
  "message size exceeds fixed maximum message size",
  "message size exceeds maximum value",
  "message size exceeds the maximum",
  "message too big",
  "message too large for this",
  "message is too large",
  "size limit",
  "taille limite du message atteinte",
  "message size limit",
};

static const char * const exceedlimit_phrases[] = {
  "message header size exceeds limit",
  "message too large",
  "message length exceeds limit",
};

static const char * const suspend_phrases[] = {
  " is currently suspended",
  " temporary locked",
  "account disabled",
  "account has been disabled",
  "account has been suspended",
  "account has been temporarily suspended",
  "account is disabled",
  "account is locked",
  "account is suspended",
  "archived recipient",
  "boite du destinataire archivee",
  "email account that you tried to reach is disabled",
  "has been suspended",
  "inactive account",
  "invalid/inactive user",
  "is a deactivated mailbox",
  "le compte du destinataire est bloque",
  "recipient account is blocked",
  "user is terminated",
  "mailbox currently suspended",
  "mailbox disabled",
  "mailbox is disabled",
  "mailbox is frozen",
  "mailbox unavailable or access denied",
  "recipient rejected: temporarily inactive",
  "recipient suspend the service",
  "this account has been disabled or discontinued",
  "this address no longer accepts mail",
  "user or domain is disabled",
  "user suspended",
  "user account disabled",
};

static const char * const hasmoved_phrases[] = {
  " has been replaced by ",
  "recipient no longer on server",
};

static const char * const norelaying_phrases[] = {
  "as a relay",
  "email address is not verified.",
  "insecure mail relay",
  "is not permitted to relay",
  "mail server requires authentication when attempting to send to a non-local e-mail address",
  "no relaying",
  "not a gateway",
  "not allowed to relay",
  "not an open relay",
  "not local host",
  "relay access denied",
  "relay denied",
  "relay not permitted",
  "relaying denied",
  "relaying mail to ",
  "that domain isn't in my list of allowed rcpthost",
  "is not configured to relay mail",
  "unable to relay",
  "we don't handle mail for",
  "mail relay denied",
  "invalid credentials for relay",
  "not authorized to send email directly to our servers",
};

static const char * const authfailure_phrases[] = {
  "//spf.pobox.com",
  "bad spf records for",
  "dmarc check failed",
  "dmarc policy",
  "does not pass dmarc",
  "dkim signature is not valid",
  "fails to pass authentication checks",
  "has an spf record with a hard fail",
  "please inspect your spf settings",
  "sender policy framework",
  "spf (sender policy framework) domain authentication fail",
  "spf check: fail",
  "spf validation failed",
  "unauthenticated email from",
  "is not allowed to send mail.*_401",
  "is not allowed to send from <* per it's spf record",
  "does not have authentication information",
  "spf record of the sending domain has one or more suspicious entries",
  "requires all senders to authenticate with either spf or dkim",
  "fails to pass spf checks",
  "requires all large senders to authenticate",
  "requires all bulk email senders to authenticate",
};

static const char * const userunknown_phrases[] = {
  "#5.1.1 bad address",
  "550 address invalid",
  "5.1.0 address rejected.",
  "address does not exist",
  "address not present in directory",
  "address unknown",
  "can't accept user",
  "destination addresses were unknown",
  "destination server rejected recipients",
  "email address does not exist",
  "email address could not be found",
  "invalid address",
  "invalid mailbox",
  "invalid recipient",
  "is not a known user",
  "is not a valid mailbox",
  "is not an active address at this host",
  "mailbox does not exist",
  "mailbox invalid",
  "mailbox is inactive",
  "mailbox is unavailable",
  "mailbox not present",
  "mailbox not found",
  "nessun utente simile in questo indirizzo",
  "no account by that name here",
  "no existe dicha persona",
  "no existe ese usuario",
  "no mail box available for this user",
  "no mailbox by that name",
  "no mailbox found",
  "no such address",
  "no such mailbox",
  "no such person at this address",
  "no such recipient",
  "no such user",
  "no valid recipients, bye",
  "not a valid recipient",
  "not a valid user here",
  "not a local address",
  "not listed in domino directory",
  "not listed in public name & address book",
  "recipient address rejected.",
  "recipient address rejected: access denied",
  "recipient address rejected: invalid user",
  "recipient address rejected: invalid-recipient",
  "recipient address rejected: unknown user",
  "recipient address rejected: userunknown",
  "recipient does not exist",
  "recipient is not accepted",
  "recipient is not local",
  "recipient not exist",
  "recipient not found",
  "recipient not ok",
  "recipient refuses to accept your mail",
  "recipient unknown",
  "requested action not taken: mailbox unavailable",
  "sorry, user unknown",
  "sorry, badrcptto",
  "sorry, no mailbox here by that name",
  "sorry, your envelope recipient has been denied",
  "that domain or user isn't in my list of allowed rcpthosts",
  "the email account that you tried to reach does not exist",
  "the following recipients was undeliverable",
  "the recipient name is not recognized",
  "the user's email name is not found",
  "there is no one at this address",
  "this email address is wrong or no longer valid",
  "this recipient is in my badrecipientto list",
  "this recipient is not in my validrcptto list",
  "unknown mailbox",
  "unknown or illegal alias",
  "unknown recipient",
  "unknown user",
  "user does not exist",
  "user missing home directory",
  "user not active",
  "user not exist",
  "user not found",
  "user not known",
  "user unknown",
  "utilisateur inconnu",
  "vdeliver: invalid or unknown virtual user",
  "your envelope recipient is in my badrcptto list",
  "adresse d au moins un destinataire invalide",
  "adresse destinataire invalide",
  "<*> not found",
  "account * does not exist at the organization",
  "bad*recipient",
  "mailbox * does not exist",
  "no * in name directory",
  "non*existent user",
  "rcpt <* does not exist",
  "recipient * was not found in",
  "this user doesn't have a * account",
  "unknown e*mail address",
  "unknown local*part",
  "user * was not found",
  "user * does not exist",
  "user (*) unknown",
  "destinataire inconnu",
  "adresse inconnue",
  "compte inexistant",
  "benutzer unbekannt",
  "unbekannter empfänger",
  "empfänger unbekannt",
  "usuario desconocido",
  "destinatario sconosciuto",
  "utente sconosciuto",
};

static const char * const filtered_phrases[] = {
  "because the recipient is only accepting mail from specific email addresses",
  "bounced address",
  "due to extended inactivity new mail is not currently being accepted for this mailbox",
  "has restricted sms e-mail",
  "is not accepting any mail",
  "message filtered",
  "message rejected due to user rules",
  "refused due to recipient preferences",
  "this account is protected by",
  "user reject",
  "recipient id refuse to receive mail",
  "you have been blocked by the recipient",
  "each of the following recipients was rejected by a remote mail server",
};

static const char * const requireptr_phrases[] = {
  "ip name lookup failed",
  "must have a ptr record",
  "bad dns ptr resource record",
  "cannot find your hostname",
  "cannot find your reverse hostname",
  "fix reverse dns for ",
  "missing ptr record",
  "no ptr record",
  "does not have a ptr record",
  "reverse dns name from your isp",
  "ptr record setup",
  "reverse dns failed",
  "reverse dns required",
  "reverse dns validation failed",
  "reverse lookup rejected",
  "forward dns entry does not point to the sending ip",
  "with no reverse dns",
  "unresolvable relay host name",
  "generic dns ptr",
  "domain * mismatches client ip",
  "reverse dns lookup for host * failed",
  "forbidden by invalid rdns record",
  "unverifyable sending ips",
};

static const char * const notcompliantrfc_phrases[] = {
  "is not rfc 5322 compliant",
  "not rfc 5322 compliant",
  "rfcmessagenoncompliant",
  "messages missing a valid address in the from: header",
  "missing a valid address in the from: header",
};

static const char * const rejected_phrases[] = {
  "access denied (in reply to mail from command)",
  "access denied (sender blacklisted)",
  "address rejected",
  "administrative prohibition",
  "batv failed to verify",
  "batv validation failure",
  "backscatter protection detected an invalid or expired email address",
  "isn't on the recipient's list of senders to accept mail from",
  "bogus mail from",
  "can't determine purported responsible address",
  "connections not accepted from servers without a valid sender domain",
  "denied [bouncedeny]",
  "valid-address-filter",
  "delivery not authorized, message refused",
  "domain of sender address ",
  "email address is on senderfilterconfig list",
  "emetteur invalide",
  "empty envelope senders not allowed",
  "envelope blocked",
  "error: no third-party dsns",
  "from: domain is invalid. please provide a valid from:",
  "fully qualified email address required",
  "invalid domain, see <url:",
  "invalid sender",
  "is not a registered gateway user",
  "mail from not owned by user",
  "message rejected: email address is not verified",
  "mx records for ",
  "null sender is not allowed",
  "recipient addresses rejected : access denied",
  "recipient not accepted. (batv: no tag",
  "returned mail not accepted here",
  "rule imposed mailbox access for",
  "sender address has been blacklisted",
  "sender address rejected",
  "sender email address rejected",
  "sender is in my black list",
  "sender is spammer",
  "sender not pre-approved",
  "sender rejected",
  "sender domain is empty",
  "sender verify failed",
  "spam reporting address",
  "syntax error: empty email address",
  "the message has been rejected by batv defense",
  "this server does not accept mail from",
  "unroutable sender address",
  "you are not allowed to post to this mailing list",
  "an address that has been blacklisted",
  "your access to submit messages to this e-mail system has been rejected",
  "your email address has been blacklisted",
};

/* At MAIL FROM, even a bare refusal is about the sender. */
static const char * const rejected_at_mail_phrases[] = {
  "access denied",
};

/* Phrases that look like a sender rejection but are about the recipient
 * or the client's address. */
static const char * const rejected_exceptions[] = {
  "5.1.0 address rejected",
  "recipient address rejected",
  "sender ip address rejected",
};

static const char * const hostunknown_phrases[] = {
  "domain does not exist",
  "domain is not reachable",
  "domain must exist",
  "host or domain name not found",
  "host unknown",
  "host unreachable",
  "mail domain mentioned in email address is unknown",
  "name or service not known",
  "no such domain",
  "unknown domain",
  "recipient domain must exist",
  "the account or domain may not exist",
  "unknown host",
  "unroutable address",
  "unrouteable address",
  "553 * does not exist",
};

static const char * const spamdetected_phrases[] = {
  "the mail server detected your message as spam",
  "appears to be unsolicited",
  "blacklisted url in message",
  "block for spam",
  "blocked by policy: no spam please",
  "blocked by spamassassin",
  "bulk email",
  "considered unsolicited bulk e-mail",
  "content filter rejection",
  "denied due to spam list",
  "high probability of spam",
  "//www.spamhaus.org",
  "mail content denied",
  "mail rejete. mail rejected. *506",
  "may consider spam",
  "message considered as spam",
  "message content rejected",
  "message looks like spam",
  "spamprofiler",
  "message rejected as spam",
  "message rejected because of unacceptable content",
  "message rejected due to suspected spam content",
  "email server thinks this email is spam",
  "percent probability of being spam",
  "probable spam",
  "reject bulk.advertising",
  "reject, id=",
  "rejected: spamassassin score",
  "(spam)",
  "rejected due to spam",
  "rejecting banned content",
  "rejecting mail content",
  "content with spam-like characteristics",
  "sending address not accepted due to spam filter",
  "spam blocked",
  "spam check",
  "spam content matched",
  "spam detected",
  "spam email",
  "spam not accepted",
  "spam refused",
  "spam rejection",
  "spam score",
  "spam message rejected",
  "spambouncer identified spam",
  "spamming not allowed",
  "too much spam.",
  "rejected by spam filtering engine",
  "classification as bulk mail",
  "looked like spam",
  "detected as spam",
  "classified as spam",
  "appears to be spam",
  "identified as spam",
  "scored as spam",
  "spam points",
  "recurrent pattern detection system",
  "spam message not queued",
  "we dont accept spam",
  "you're using a mass mailer",
  "appears similar to spam",
  "breaches local uribl policy",
  "had spam-like",
  "is considered spam",
  "is probably spam",
  "failed several antispam checks",
  "may contain the spam contents",
  "triggered a spam block",
  "temporarily blocked by our filter",
  "rejected because it appears to be spam",
  "likely unsolicited mail",
  "- spam",
};

static const char * const speeding_phrases[] = {
  "mail sent from your ip address has been temporarily rate limited",
  "please try again slower",
  "receiving mail at a rate that prevents additional messages from being delivered",
};

static const char * const toomanyconn_phrases[] = {
  "all available ips are at maximum connection limit",
  "connection frequency limited",
  "connection rate limit exceeded",
  "exceeds per-domain connection limit for",
  "has exceeded the max emails per hour",
  "throttling failure: daily message quota exceeded",
  "throttling failure: maximum sending rate exceeded",
  "too many connections",
  "too many concurrent smtp connections",
  "too many errors from your ip",
  "too many recipients",
  "too many smtp sessions for this host",
  "trop de connexions",
  "we have already made numerous attempts to deliver this message",
};

static const char * const blocked_phrases[] = {
  " said: 550 blocked",
  "//www.spamcop.net/bl.",
  "bad sender ip address",
  "blacklisted by",
  "blocked using ",
  "blocked - see http",
  "dnsbl:attrbl",
  "client host rejected: abus detecte gu_eib_02",
  "client host rejected: abus detecte gu_eib_04",
  "client host rejected: may not be mail exchanger",
  "client host rejected: was not authenticated",
  "confirm this mail server",
  "connection dropped",
  "connection refused by",
  "connection reset by peer",
  "connection was dropped by remote host",
  "connections not accepted from ip addresses on spamhaus xbl",
  "currently sending spam see: ",
  "domain does not exist:",
  "dynamic/zombied/spam ips blocked",
  "error: no valid recipients from ",
  "esmtp not accepting connections",
  "extreme bad ip profile",
  "go away",
  "helo command rejected:",
  "host network not allowed",
  "hosts with dynamic ip",
  "invalid ip for sending mail of domain",
  "is in a black list",
  "is not allowed to send mail from",
  "no access from mail server",
  "no matches to nameserver query",
  "not currently accepting mail from your ip",
  "part of their network is on our block list",
  "please use the smtp server of your isp",
  "refused - see http",
  "rejected - multi-blacklist",
  "rejected because the sending mta or the sender has not passed validation",
  "rejecting open proxy",
  "sender ip address rejected",
  "server access forbidden by your ip ",
  "service not available, closing transmission channel",
  "smtp error from remote mail server after initial connection:",
  "sorry, that domain isn't in my list of allowed rcpthosts",
  "sorry, your remotehost looks suspiciously like spammer",
  "to submit messages to this e-mail system has been rejected",
  "too many spams from your ip",
  "too many unwanted messages have been sent from the following ip address above",
  "was blocked by ",
  "we do not accept mail from dynamic ips",
  "you are not allowed to connect",
  "you are sending spam",
  "your ip address is listed in the rbl",
  "your network is temporary blacklisted",
  "your server requires confirmation",
  "access from ip address * blocked",
  "client host * blocked using",
  "connections will not be accepted from * because the ip is in spamhaus's list",
  "dnsbl:rbl *>_is_blocked",
  "email blocked by *.barracudacentral.org",
  "email blocked by *spamhaus",
  "host * refused to talk to me: * blocked",
  "ip * is blocked by earthlink",
  "is in an *rbl on ",
  "mail server at * is blocked",
  "mail from * refused:",
  "message from * rejected based on blacklist",
  "server ip * listed as abusive",
  "your ip address* is blocked by rbl",
  "the domain * is blacklisted",
  "the email * is blacklisted",
  "the ip* is blacklisted",
  "veuillez essayer plus tard. service refused, please try later. *103",
  "veuillez essayer plus tard. service refused, please try later. *510",
  "your sender's ip address is listed at *.abuseat.org",
  "ip not in whitelist for rcpt domain",
  "try again later, closing connection",
  "helo/ehlo argument is invalid",
  "empty helo/ehlo argument not allowed",
  "an unusual rate of unsolicited mail",
};

static const char * const badreputation_phrases[] = {
  "a poor email reputation score",
  "has been temporarily rate limited due to ip reputation",
  "ip/domain reputation problems",
  "likely suspicious due to the very low reputation",
  "the sending mta's poor reputation",
  "temporarily deferred due to unexpected volume or user complaints",
};

static const char * const policyviolation_phrases[] = {
  "an illegal attachment on your message",
  "because the recipient is not accepting mail with ",
  "by non-member to a members-only list",
  "closed mailing list",
  "denied by policy",
  "dmarc policy",
  "email not accepted for policy reasons",
  "email rejected due to security policies",
  "header are not accepted",
  "header error",
  "local policy violation",
  "message bounced due to organizational settings",
  "message given low priority",
  "message not accepted for policy reasons",
  "rejected for policy reasons",
  "protocol violation",
  "the email address used to send your message is not subscribed to this group",
  "this message was blocked because its content presents a potential",
  "we do not accept messages containing images or other attachments",
  "allowable number of posts without solving a captcha",
  "message rejected due to local policy",
};

static const char * const virusdetected_phrases[] = {
  "it has a potentially executable attachment",
  "the message was rejected because it contains prohibited virus or spam content",
  "this form of attachment has been used by recent viruses or other malware",
  "virus detected",
  "virus found",
  "your message was infected with a virus",
  "message contains a virus",
};

static const char * const securityerror_phrases[] = {
  "account not subscribed to ses",
  "authentication credentials invalid",
  "authentication failure",
  "authentication required",
  "authentication turned on in your email client",
  "executable files are not allowed in compressed files",
  "insecure mail relay",
  "recipient address rejected: access denied",
  "you don't authenticate or the domain isn't in my list of allowed rcpthosts",
  "must issue a starttls command first",
  "starttls is required to send mail",
  "tls required but not supported",
  "unauthenticated senders not allowed",
  "verification failure",
  "you are not authorized to send mail, authentication is required",
  "authentication failed; server * said: ",
  "authentification invalide*305",
  "authentification requise*402",
  "domain * is a dead domain",
  "user * is not authorized to perform ses:sendrawemail on resource",
};

static const char * const systemerror_phrases[] = {
  "aliasing/forwarding loop broken",
  "can't create user output file",
  "could not load drd for domain",
  "internal error reading data",
  "internal server error",
  "internal error",
  "internal system error",
  "interrupted system call",
  "it encountered an error while being processed",
  "it would create a mail loop",
  "local configuration error",
  "local error in processing",
  "loop was found in the mail exchanger",
  "loops back to myself",
  "mail system configuration error",
  "queue file write error",
  "recipient deferred because there is no mdb",
  "remote server does not support tls",
  "remote server is misconfigured",
  "server configuration error",
  "service currently unavailable",
  "system config error",
  "temporary local problem",
  "timeout waiting for input",
  "transaction failed ",
  "unable to contact ldap server",
};

static const char * const networkerror_phrases[] = {
  "could not connect and send the mail to",
  "dns query failed",
  "dns records for the destination computer could not be found",
  "hop count exceeded - possible mail loop",
  "host is unreachable",
  "host name lookup failure",
  "host not found, try again",
  "lost connection with",
  "mail forwarding loop for ",
  "malformed name server reply",
  "malformed or unexpected name server reply",
  "maximum forwarding loop count exceeded",
  "message looping",
  "message probably in a routing loop",
  "network error on destination",
  "no route to host",
  "too many hops",
  "unable to resolve route ",
  "unrouteable mail domain",
  "message exceeded 50 hops",
};

static const char * const expired_phrases[] = {
  "connection timed out",
  "could not deliver for the last",
  "could not find a gateway for",
  "delivery attempts will continue to be",
  "delivery expired",
  "delivery time expired",
  "did not accept our requests to connect",
  "envelope expired",
  "failed to deliver to domain ",
  "giving up on",
  "have been failing for a long time",
  "has been delayed",
  "it has not been collected after",
  "message could not be delivered for",
  "message expired",
  "message timed out",
  "operation timed out",
  "retry time not reached for any host after a long failure period",
  "retry timeout exceeded",
  "server did not respond",
  "this message has been in the queue too long",
  "unable to deliver message after multiple retries",
  "was not reachable within the allowed queue period",
  "your message could not be delivered for more than",
  "delivery failed * attempts",
  "cannot send message for",
  "remote host is not responding",
  "was not delivered within",
  "message will be retried for",
  "connection expired",
  "timeout - closing connection",
};

static const char * const contenterror_phrases[] = {
  "duplicate header",
  "header size exceeds maximum permitted",
  "headers too large",
  "improper use of 8-bit data in message header",
  "message header size, or recipient list, exceeds policy limit",
  "message mime complexity exceeds the policy maximum",
  "routing loop detected -- too many received: headers",
  "this message contain invalid mime headers",
  "this message contain improperly-formatted binary content",
  "this message contain text that uses unnecessary base64 encoding",
};

static const char * const systemfull_phrases[] = {
  "mail system full",
  "insufficient disk space",
  "insufficient system storage",
  "requested mail action aborted: exceeded storage allocation",
};

static const char * const notaccept_phrases[] = {
  "host/domain does not accept mail",
  "host does not accept mail",
  "domain does not accept mail",
  "name server: .: host not found",
  "no mx record found for domain",
  "no mx found for domain",
  "null mx",
  "no route for current request",
  "smtp protocol returned a permanent error",
};

static const char * const mailererror_phrases[] = {
  "procmail: ",
  "bin/procmail",
  "bin/maildrop",
  "command failed: ",
  "command died with status",
  "command output:",
  "mailer error",
  "pipe to |/",
  "x-unix; ",
};

static const char * const syntaxerror_phrases[] = {
  "recipient addresses that were incorrectly constructed",
  "malformed address:",
  "bad sequence of commands",
  "improper sequence of commands",
  "command parameter not implemented",
  "syntax error in parameters or arguments",
  "syntax error, command unrecognized",
  "command unrecognized",
  "command not implemented",
};

static const char * const vacation_phrases[] = {
  "i am away on vacation",
  "i am away until",
  "i am currently away",
  "i am out of the office",
  "i'm out of the office",
  "i will be traveling for work on",
  "out of office",
};

typedef struct {
  MdReason            reason;
  const char * const *phrases;
  gsize               n_phrases;
} PhraseTable;

#define TABLE(r, p) { r, p, G_N_ELEMENTS (p) }

static const PhraseTable phrase_tables[] = {
  TABLE (MD_REASON_MAILBOXFULL,     mailboxfull_phrases),
  TABLE (MD_REASON_MESGTOOBIG,      mesgtoobig_phrases),
  TABLE (MD_REASON_EXCEEDLIMIT,     exceedlimit_phrases),
  TABLE (MD_REASON_SUSPEND,         suspend_phrases),
  TABLE (MD_REASON_HASMOVED,        hasmoved_phrases),
  TABLE (MD_REASON_NORELAYING,      norelaying_phrases),
  TABLE (MD_REASON_AUTHFAILURE,     authfailure_phrases),
  TABLE (MD_REASON_USERUNKNOWN,     userunknown_phrases),
  TABLE (MD_REASON_FILTERED,        filtered_phrases),
  TABLE (MD_REASON_REQUIREPTR,      requireptr_phrases),
  TABLE (MD_REASON_NOTCOMPLIANTRFC, notcompliantrfc_phrases),
  TABLE (MD_REASON_REJECTED,        rejected_phrases),
  TABLE (MD_REASON_HOSTUNKNOWN,     hostunknown_phrases),
  TABLE (MD_REASON_SPAMDETECTED,    spamdetected_phrases),
  TABLE (MD_REASON_SPEEDING,        speeding_phrases),
  TABLE (MD_REASON_TOOMANYCONN,     toomanyconn_phrases),
  TABLE (MD_REASON_BLOCKED,         blocked_phrases),
  TABLE (MD_REASON_BADREPUTATION,   badreputation_phrases),
  TABLE (MD_REASON_POLICYVIOLATION, policyviolation_phrases),
  TABLE (MD_REASON_VIRUSDETECTED,   virusdetected_phrases),
  TABLE (MD_REASON_SECURITYERROR,   securityerror_phrases),
  TABLE (MD_REASON_SYSTEMERROR,     systemerror_phrases),
  TABLE (MD_REASON_NETWORKERROR,    networkerror_phrases),
  TABLE (MD_REASON_EXPIRED,         expired_phrases),
  TABLE (MD_REASON_CONTENTERROR,    contenterror_phrases),
  TABLE (MD_REASON_SYSTEMFULL,      systemfull_phrases),
  TABLE (MD_REASON_NOTACCEPT,       notaccept_phrases),
  TABLE (MD_REASON_MAILERERROR,     mailererror_phrases),
  TABLE (MD_REASON_SYNTAXERROR,     syntaxerror_phrases),
  TABLE (MD_REASON_VACATION,        vacation_phrases),
};

/* Reasons a phrase may only suggest when the status code is missing or
 * vague, in the order they are tried. */
static const MdReason weak_order[] = {
  MD_REASON_MAILBOXFULL, MD_REASON_SPAMDETECTED, MD_REASON_POLICYVIOLATION,
  MD_REASON_VIRUSDETECTED, MD_REASON_NORELAYING, MD_REASON_AUTHFAILURE,
  MD_REASON_BADREPUTATION, MD_REASON_SECURITYERROR, MD_REASON_SYSTEMERROR,
  MD_REASON_NETWORKERROR, MD_REASON_SPEEDING, MD_REASON_SUSPEND, MD_REASON_EXPIRED,
  MD_REASON_CONTENTERROR, MD_REASON_SYSTEMFULL, MD_REASON_NOTACCEPT,
  MD_REASON_MAILERERROR, MD_REASON_SYNTAXERROR,
};

/* Where the SMTP dialogue stopped, read from the MTA's own words when the
 * parser found no command. */
typedef struct {
  const char *phrase;
  const char *command;
} CommandHint;

static const CommandHint command_hints[] = {
  { "in reply to rcpt to command", "RCPT" },
  { "after rcpt to",               "RCPT" },
  { "after rcpt command",          "RCPT" },
  { "[rcpt_to]",                   "RCPT" },
  { ">>> rcpt to",                 "RCPT" },
  { "in reply to mail from command", "MAIL" },
  { "after mail from",             "MAIL" },
  { "[mail_from]",                 "MAIL" },
  { "in reply to end of data command", "DATA" },
  { "in reply to data command",    "DATA" },
  { "after end of data",           "DATA" },
  { "after data",                  "DATA" },
  { "in reply to helo command",    "HELO" },
  { "in reply to ehlo command",    "EHLO" },
  { "after initial connection",    "CONN" },
  { "smtp:rcpt ",                  "RCPT" },
  { "does not like recipient",     "RCPT" },   /* qmail */
  { "failed after i sent the message", "DATA" }, /* qmail */
  { "rcpt to:<",                   "RCPT" },
};

/* Words of the bounce itself that say the failure is not final: any
 * "temporary"/"temporarily"/"persistent", or a delay notice's wording. */
static const char * const temporary_phrases[] = {
  "temporar",
  "persistent",
  "will be retried",
  "still being retried",
  "warning message only",
  "delivery attempts will continue",
};

static const struct {
  MdReason    reason;
  guint       number;
} pseudo_numbers[] = {
  { MD_REASON_UNDEFINED,       900 },
  { MD_REASON_ONHOLD,          901 },
  { MD_REASON_SYNTAXERROR,     902 },
  { MD_REASON_NORELAYING,      909 },
  { MD_REASON_FILTERED,        910 },
  { MD_REASON_USERUNKNOWN,     911 },
  { MD_REASON_HOSTUNKNOWN,     912 },
  { MD_REASON_HASMOVED,        916 },
  { MD_REASON_REJECTED,        918 },
  { MD_REASON_SUSPEND,         921 },
  { MD_REASON_MAILBOXFULL,     922 },
  { MD_REASON_EXCEEDLIMIT,     923 },
  { MD_REASON_SYSTEMERROR,     930 },
  { MD_REASON_SYSTEMFULL,      931 },
  { MD_REASON_NOTACCEPT,       932 },
  { MD_REASON_MESGTOOBIG,      934 },
  { MD_REASON_MAILERERROR,     939 },
  { MD_REASON_NETWORKERROR,    944 },
  { MD_REASON_TOOMANYCONN,     945 },
  { MD_REASON_SPEEDING,        946 },
  { MD_REASON_EXPIRED,         947 },
  { MD_REASON_CONTENTERROR,    960 },
  { MD_REASON_SECURITYERROR,   970 },
  { MD_REASON_BLOCKED,         971 },
  { MD_REASON_VIRUSDETECTED,   971 },
  { MD_REASON_AUTHFAILURE,     972 },
  { MD_REASON_POLICYVIOLATION, 972 },
  { MD_REASON_REQUIREPTR,      973 },
  { MD_REASON_NOTCOMPLIANTRFC, 974 },
  { MD_REASON_BADREPUTATION,   975 },
  { MD_REASON_SPAMDETECTED,    980 },
};

/* What one call works on. */
typedef struct {
  const MdBounceEvidence *evidence;
  char                   *text;      /* diagnostic, lower-case, white space folded */
  const char             *command;   /* upper-case SMTP command or NULL */
  MdReason                by_status; /* what the status code alone says */
  gboolean                smtp_type; /* an SMTP diagnostic, or one of no type */
  gboolean                x_type;    /* the MTA's own words: X-Postfix, X-Unix… */
  gboolean                settled;   /* a provider's rule decided, even on "undefined" */
  guint64                 asked;     /* reasons whose phrases were looked for… */
  guint64                 found;     /* …and those found: each table is read once */
  guint64                 pairs[65536 / 64]; /* the pairs of bytes in @text */
} Judgement;

G_STATIC_ASSERT (MD_REASON_LAST <= 64);

/* Hundreds of phrases are looked for in each text: a phrase holding a pair
 * of bytes that the text lacks cannot be in it, and most are ruled out so,
 * without a strstr() over the whole text. */
static void
collect_pairs (Judgement *j)
{
  const guchar *p = (const guchar *) j->text;

  memset (j->pairs, 0, sizeof j->pairs);
  for (; p[0] != '\0' && p[1] != '\0'; p++)
    {
      guint pair = p[0] << 8 | p[1];

      j->pairs[pair / 64] |= G_GUINT64_CONSTANT (1) << (pair % 64);
    }
}

static gboolean
may_contain (const Judgement *j,
             const char      *piece,
             gsize            length)
{
  const guchar *p = (const guchar *) piece;

  for (gsize i = 0; i + 1 < length; i++)
    {
      guint pair = p[i] << 8 | p[i + 1];

      if ((j->pairs[pair / 64] & (G_GUINT64_CONSTANT (1) << (pair % 64))) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
contains (const Judgement *j,
          const char      *phrase)
{
  return may_contain (j, phrase, strlen (phrase)) && strstr (j->text, phrase) != NULL;
}

/* Matches @pattern in the text; a '*' in @pattern stands for any text. */
static gboolean
phrase_matches (const Judgement *j,
                const char      *pattern)
{
  const char *from = j->text;

  if (strchr (pattern, '*') == NULL)
    return contains (j, pattern);

  while (pattern != NULL && *pattern != '\0')
    {
      const char *star = strchr (pattern, '*');
      gsize len = star != NULL ? (gsize) (star - pattern) : strlen (pattern);

      if (len > 0)
        {
          char piece[128];
          const char *found;

          if (len >= sizeof piece || !may_contain (j, pattern, len))
            return FALSE;
          memcpy (piece, pattern, len);
          piece[len] = '\0';
          found = strstr (from, piece);
          if (found == NULL)
            return FALSE;
          from = found + len;
        }
      pattern = star != NULL ? star + 1 : NULL;
    }

  return TRUE;
}

static const PhraseTable *
table_for (MdReason reason)
{
  for (gsize i = 0; i < G_N_ELEMENTS (phrase_tables); i++)
    if (phrase_tables[i].reason == reason)
      return &phrase_tables[i];

  return NULL;
}

static gboolean
look_for (Judgement *j,
          MdReason   reason)
{
  const PhraseTable *table = table_for (reason);

  if (table == NULL || j->text[0] == '\0')
    return FALSE;

  if (reason == MD_REASON_REJECTED)
    for (gsize i = 0; i < G_N_ELEMENTS (rejected_exceptions); i++)
      if (contains (j, rejected_exceptions[i]))
        return FALSE;

  for (gsize i = 0; i < table->n_phrases; i++)
    if (phrase_matches (j, table->phrases[i]))
      return TRUE;

  return FALSE;
}

/* Whether the words say @reason, by its table of phrases. */
static gboolean
says (Judgement *j,
      MdReason   reason)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << reason;

  if ((j->asked & bit) == 0)
    {
      j->asked |= bit;
      if (look_for (j, reason))
        j->found |= bit;
    }

  return (j->found & bit) != 0;
}

static gboolean
says_any (Judgement          *j,
          const char * const *phrases,
          gsize               n_phrases)
{
  for (gsize i = 0; i < n_phrases; i++)
    if (phrase_matches (j, phrases[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* "550-5.1.1 " or "550-" at the start of a continuation line of a
 * multi-line reply, or "550 5.1.1 " at the start of its last line when
 * @last is set: its length, or 0. */
static gsize
reply_prefix (const char *p,
              gboolean    last)
{
  gsize n = 0;

  if (!(is_digit (p[0]) && is_digit (p[1]) && is_digit (p[2]) &&
        (p[3] == '-' || (last && p[3] == ' '))))
    return 0;

  n = 4;
  if ((p[n] == '2' || p[n] == '4' || p[n] == '5') && p[n + 1] == '.')
    {
      gsize m = n + 2;

      while (is_digit (p[m]))
        m++;
      if (p[m] == '.' && is_digit (p[m + 1]))
        {
          m++;
          while (is_digit (p[m]))
            m++;
          n = m;
        }
    }
  else if (p[3] == ' ')
    return 0;

  while (p[n] == ' ')
    n++;

  return n;
}

/* What is read of a diagnostic or of a whole bounce: the words that
 * matter come first, and a pasted log of megabytes must not cost seconds
 * per recipient. */
#define MAX_WORDS (64 * 1024)

/* Lower-cases @in, folds every run of white space into one space and drops
 * the "550-5.1.1" prefixes of continuation lines so that a phrase broken
 * across the lines of a multi-line reply still matches. */
static char *
normalize (const char *in)
{
  GString *out;
  gboolean space = TRUE;
  gboolean multiline = FALSE;

  if (in == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strnlen (in, MAX_WORDS) + 1);
  for (const char *p = in; *p != '\0' && out->len < MAX_WORDS; )
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          p++;
          continue;
        }

      if (space)
        {
          gsize skip = reply_prefix (p, multiline);

          if (skip > 0 && p[3] == '-')
            multiline = TRUE;
          if (skip > 0 && out->len > 0)
            {
              p += skip;
              continue;
            }
        }

      g_string_append_c (out, g_ascii_tolower (c));
      space = FALSE;
      p++;
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static MdReason
reason_from_status (const char *status)
{
  if (status == NULL)
    return MD_REASON_UNDEFINED;

  for (gsize i = 0; i < G_N_ELEMENTS (status_reasons); i++)
    if (g_str_equal (status, status_reasons[i].code))
      return status_reasons[i].reason;

  /* Microsoft 365: 5.7.606–5.7.649, the sending IP is banned; 5.7.700–
   * 5.7.750, the sending tenant or its traffic is blocked. */
  if (g_str_has_prefix (status, "5.7.") && strlen (status) == 7)
    {
      guint detail = (guint) g_ascii_strtoull (status + 4, NULL, 10);

      if ((detail >= 606 && detail <= 649) || (detail >= 700 && detail <= 750))
        return MD_REASON_BLOCKED;
    }

  return MD_REASON_UNDEFINED;
}

/* An enhanced status code written in the words themselves, as qmail's
 * "(#5.1.1)" or a bare "5.2.2 Mailbox full", for a bounce whose parser
 * found none: copied into @buf, or NULL. */
static const char *
status_in_text (const char *text,
                char        buf[12])
{
  for (const char *p = text; *p != '\0'; p++)
    {
      gsize n = 0, m;

      if ((*p != '2' && *p != '4' && *p != '5') || p[1] != '.')
        continue;
      if (p != text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-'))
        continue;

      n = 2;
      m = n;
      while (is_digit (p[n]) && n - m < 3)
        n++;
      if (n == m || p[n] != '.')
        continue;
      n++;
      m = n;
      while (is_digit (p[n]) && n - m < 3)
        n++;
      if (n == m || is_digit (p[n]) || (p[n] == '.' && is_digit (p[n + 1])))
        continue;

      memcpy (buf, p, n);
      buf[n] = '\0';
      return buf;
    }

  return NULL;
}

static gboolean
is_retry_reason (MdReason reason)
{
  for (gsize i = 0; i < G_N_ELEMENTS (retry_reasons); i++)
    if (retry_reasons[i] == reason)
      return TRUE;

  return FALSE;
}

static gboolean
command_is (Judgement  *j,
            const char *command)
{
  return j->command != NULL && g_str_equal (j->command, command);
}

static gboolean
command_before_data (Judgement *j)
{
  return command_is (j, "CONN") || command_is (j, "EHLO") || command_is (j, "HELO") ||
         command_is (j, "MAIL") || command_is (j, "RCPT");
}

static const char *
normalize_command (const char *command)
{
  static const char * const known[] = { "CONN", "EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT", "AUTH", "STARTTLS", "BDAT" };

  if (command == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strncasecmp (command, known[i], strlen (known[i])) == 0)
      return known[i];

  return NULL;
}

static const char *
command_in (const char *text)
{
  for (gsize i = 0; i < G_N_ELEMENTS (command_hints); i++)
    if (strstr (text, command_hints[i].phrase) != NULL)
      return command_hints[i].command;

  return NULL;
}

/* Sendmail's transcript: "... while talking to mx.example.org.: <<< 554 …"
 * with no ">>>" line in between means the server refused the connection
 * itself, before any command. */
static gboolean
refused_at_greeting (const char *text)
{
  const char *p = strstr (text, "while talking to ");
  const char *colon;

  if (p == NULL)
    return FALSE;

  colon = strstr (p, ": ");
  return colon != NULL && g_str_has_prefix (colon + 2, "<<< ");
}

/* The command from the diagnostic's words, else from the whole bounce
 * (a transcript of the session often shows it). */
static const char *
infer_command (Judgement *j)
{
  const char *command = command_in (j->text);

  if (command == NULL && j->evidence->text != NULL)
    {
      g_autofree char *whole = normalize (j->evidence->text);

      command = command_in (whole);
      if (command == NULL && refused_at_greeting (whole))
        command = "CONN";
    }

  return command;
}

static gboolean
remote_is (Judgement  *j,
           const char *host)
{
  const MdBounceEvidence *e = j->evidence;

  return (e->remote_mta != NULL && strstr (e->remote_mta, host) != NULL) ||
         (e->recipient != NULL && g_str_has_suffix (e->recipient, host));
}

/* "ofr_416", "ofr004_405", "lpn007_426", "lpnaaa_101", "ouk_513": the
 * last three digits of the code, or 0. */
static guint
orange_code (const char *text)
{
  static const char * const prefixes[] = { "lpnaaa", "lpn", "ofr", "ouk" };

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p != text && g_ascii_isalnum (p[-1]))
        continue;

      for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
        {
          gsize len = strlen (prefixes[i]);
          const char *q = p + len;
          guint digits = 0;
          guint value = 0;

          if (strncmp (p, prefixes[i], len) != 0)
            continue;

          /* "_416" or "007_416" / "105-104" */
          while (is_digit (q[digits]) && digits < 3)
            digits++;
          if (digits == 3 && (q[3] == '_' || q[3] == '-'))
            q += 4;
          else if (digits == 0 && q[0] == '_')
            q += 1;
          else
            continue;

          if (!is_digit (q[0]) || !is_digit (q[1]) || !is_digit (q[2]) || is_digit (q[3]))
            continue;
          value = (guint) ((q[0] - '0') * 100 + (q[1] - '0') * 10 + (q[2] - '0'));
          return value;
        }
    }

  return 0;
}

/* " ib607": GoDaddy's code, or G_MAXUINT when there is none. */
static guint
godaddy_code (const char *text)
{
  for (const char *p = strstr (text, " ib"); p != NULL; p = strstr (p + 1, " ib"))
    if (is_digit (p[3]) && is_digit (p[4]) && is_digit (p[5]) && !is_digit (p[6]) &&
        !g_ascii_isalpha (p[6]))
      return (guint) ((p[3] - '0') * 100 + (p[4] - '0') * 10 + (p[5] - '0'));

  return G_MAXUINT;
}

static guint
spectrum_code (const char *text)
{
  const char *p = strstr (text, "aup#");

  if (p == NULL)
    return 0;

  p += 4;
  while (g_ascii_isalpha (*p) || *p == '-')
    p++;

  if (!is_digit (p[0]) || !is_digit (p[1]) || !is_digit (p[2]) || !is_digit (p[3]))
    return 0;

  return (guint) g_ascii_strtoull (p, NULL, 10);
}

/* What the recipient's provider means, when it is one whose words or
 * codes are documented. Returns FALSE when no provider rule applies;
 * a rule may settle on MD_REASON_UNDEFINED when the provider's answer
 * says nothing about the cause. */
static gboolean
provider_reason (Judgement *j,
                 MdReason  *out_reason)
{
  const MdBounceEvidence *e = j->evidence;
  guint code;

  code = orange_code (j->text);
  if (code != 0)
    for (gsize i = 0; i < G_N_ELEMENTS (orange_codes); i++)
      if (orange_codes[i].number == code)
        {
          *out_reason = orange_codes[i].reason;
          return TRUE;
        }

  code = godaddy_code (j->text);
  if (code != G_MAXUINT)
    for (gsize i = 0; i < G_N_ELEMENTS (godaddy_codes); i++)
      if (godaddy_codes[i].number == code)
        {
          *out_reason = godaddy_codes[i].reason;
          return TRUE;
        }

  code = spectrum_code (j->text);
  if (code != 0)
    for (gsize i = 0; i < G_N_ELEMENTS (spectrum_codes); i++)
      if (code >= spectrum_codes[i].first && code <= spectrum_codes[i].last)
        {
          *out_reason = spectrum_codes[i].reason;
          return TRUE;
        }

  for (gsize i = 0; i < G_N_ELEMENTS (provider_phrases); i++)
    if (remote_is (j, provider_phrases[i].host) && contains (j, provider_phrases[i].phrase))
      {
        *out_reason = provider_phrases[i].reason;
        return TRUE;
      }

  /* NTT docomo answers "Unknown user" both at RCPT (the address does not
   * exist) and after DATA (the recipient's settings refuse the sender). */
  if (remote_is (j, "docomo.ne.jp") && e->status != NULL)
    {
      if (g_str_equal (e->status, "5.1.1"))
        *out_reason = MD_REASON_USERUNKNOWN;
      else if (g_str_equal (e->status, "5.2.0"))
        *out_reason = MD_REASON_FILTERED;
      else if (g_str_equal (e->status, "5.0.0") && command_is (j, "RCPT"))
        *out_reason = MD_REASON_USERUNKNOWN;
      else if (g_str_equal (e->status, "5.0.0") && command_is (j, "DATA"))
        *out_reason = MD_REASON_REJECTED;
      else
        return FALSE;
      return TRUE;
    }

  return FALSE;
}

/* The reasons a phrase or a specific status code proves, tried in order;
 * each test knows which SMTP stage makes its phrases believable. */
static MdReason
strong_reason (Judgement *j)
{
  MdReason s = j->by_status;
  guint reply = j->evidence->reply_code;

  if (s == MD_REASON_MAILBOXFULL || says (j, MD_REASON_MAILBOXFULL))
    return MD_REASON_MAILBOXFULL;

  if (s == MD_REASON_MESGTOOBIG ||
      (s != MD_REASON_EXCEEDLIMIT && says (j, MD_REASON_MESGTOOBIG)))
    return MD_REASON_MESGTOOBIG;

  if (s == MD_REASON_EXCEEDLIMIT || says (j, MD_REASON_EXCEEDLIMIT))
    return MD_REASON_EXCEEDLIMIT;

  if (reply == 525 || says (j, MD_REASON_SUSPEND))
    return MD_REASON_SUSPEND;

  if (s == MD_REASON_HASMOVED || says (j, MD_REASON_HASMOVED))
    return MD_REASON_HASMOVED;

  if (!command_is (j, "CONN") && !command_is (j, "EHLO") && !command_is (j, "HELO") &&
      says (j, MD_REASON_NORELAYING))
    return MD_REASON_NORELAYING;

  if (s == MD_REASON_AUTHFAILURE || says (j, MD_REASON_AUTHFAILURE))
    return MD_REASON_AUTHFAILURE;

  /* An unknown recipient: the status says so and no other explanation is
   * written, or the text says so in answer to RCPT TO. */
  if (s == MD_REASON_USERUNKNOWN)
    {
      if (!says (j, MD_REASON_NORELAYING) && !says (j, MD_REASON_BLOCKED) &&
          !says (j, MD_REASON_MAILBOXFULL) && !says (j, MD_REASON_HASMOVED) &&
          !says (j, MD_REASON_REJECTED) && !says (j, MD_REASON_NOTACCEPT))
        return MD_REASON_USERUNKNOWN;
    }
  else if (s != MD_REASON_SUSPEND && command_is (j, "RCPT") && says (j, MD_REASON_USERUNKNOWN))
    return MD_REASON_USERUNKNOWN;

  /* The same words after DATA, or at a stage the bounce does not tell,
   * may be the recipient's filter refusing the message rather than a
   * missing address. */
  if (s != MD_REASON_SUSPEND)
    {
      if (s == MD_REASON_FILTERED)
        {
          if (says (j, MD_REASON_USERUNKNOWN) || says (j, MD_REASON_FILTERED))
            return MD_REASON_FILTERED;
        }
      else if (!command_before_data (j) &&
               (says (j, MD_REASON_FILTERED) || says (j, MD_REASON_USERUNKNOWN)))
        return MD_REASON_FILTERED;
    }

  if (s == MD_REASON_REQUIREPTR || says (j, MD_REASON_REQUIREPTR))
    return MD_REASON_REQUIREPTR;

  if (says (j, MD_REASON_NOTCOMPLIANTRFC))
    return MD_REASON_NOTCOMPLIANTRFC;

  /* A sender rejection is believable at MAIL FROM, after DATA, or when the
   * status says nothing better. */
  if (s == MD_REASON_REJECTED ||
      (command_is (j, "MAIL") && says_any (j, rejected_at_mail_phrases, G_N_ELEMENTS (rejected_at_mail_phrases))))
    return MD_REASON_REJECTED;
  if ((command_is (j, "MAIL") ||
       (command_is (j, "DATA") && s != MD_REASON_USERUNKNOWN) ||
       s == MD_REASON_ONHOLD || s == MD_REASON_UNDEFINED ||
       s == MD_REASON_SECURITYERROR || s == MD_REASON_SYSTEMERROR) &&
      says (j, MD_REASON_REJECTED))
    return MD_REASON_REJECTED;

  if (s == MD_REASON_HOSTUNKNOWN)
    {
      if (!says (j, MD_REASON_NETWORKERROR))
        return MD_REASON_HOSTUNKNOWN;
    }
  else if (says (j, MD_REASON_HOSTUNKNOWN))
    return MD_REASON_HOSTUNKNOWN;

  if (s == MD_REASON_SPAMDETECTED ||
      (!command_before_data (j) && s != MD_REASON_CONTENTERROR && says (j, MD_REASON_SPAMDETECTED)))
    return MD_REASON_SPAMDETECTED;

  if (says (j, MD_REASON_SPEEDING))
    return MD_REASON_SPEEDING;

  if (s == MD_REASON_TOOMANYCONN || says (j, MD_REASON_TOOMANYCONN))
    return MD_REASON_TOOMANYCONN;

  if (s == MD_REASON_BLOCKED || says (j, MD_REASON_BLOCKED))
    return MD_REASON_BLOCKED;

  return MD_REASON_UNDEFINED;
}

/* When the status is missing or vague: the weaker phrases, then what the
 * digits, the diagnostic type, the action and the command imply. */
static MdReason
weak_reason (Judgement *j)
{
  const MdBounceEvidence *e = j->evidence;
  MdReason s = j->by_status;
  guint reply = e->reply_code;

  if (s != MD_REASON_UNDEFINED && !is_retry_reason (s) && j->smtp_type)
    return s;

  for (gsize i = 0; i < G_N_ELEMENTS (weak_order); i++)
    if (says (j, weak_order[i]))
      return weak_order[i];

  if (s != MD_REASON_UNDEFINED)
    return s;

  if (e->status != NULL && strlen (e->status) > 3 && e->status[1] == '.' && e->status[3] == '.')
    {
      if (e->status[2] == '6')
        return MD_REASON_CONTENTERROR;
      if (e->status[2] == '7')
        return MD_REASON_SECURITYERROR;
    }

  if (e->diagnostic_type != NULL && g_ascii_strncasecmp (e->diagnostic_type, "x-unix", 6) == 0)
    return MD_REASON_MAILERERROR;

  /* 500–507: the server did not understand the command */
  if ((reply / 100 == 5 || reply / 100 == 4) && (reply % 100) <= 7)
    return MD_REASON_SYNTAXERROR;

  if (e->action != NULL &&
      (g_ascii_strncasecmp (e->action, "delayed", 7) == 0 ||
       g_ascii_strncasecmp (e->action, "expired", 7) == 0))
    return MD_REASON_EXPIRED;

  /* refused at the greeting or at HELO: the client itself is refused */
  if (command_is (j, "CONN") || command_is (j, "EHLO") || command_is (j, "HELO"))
    return MD_REASON_BLOCKED;

  return MD_REASON_UNDEFINED;
}

static gboolean
is_success_action (const char *action)
{
  return action != NULL &&
         (g_ascii_strncasecmp (action, "delivered", 9) == 0 ||
          g_ascii_strncasecmp (action, "relayed", 7) == 0 ||
          g_ascii_strncasecmp (action, "expanded", 8) == 0);
}

static gboolean
is_vacation (const MdBounceEvidence *e)
{
  static const char * const subjects[] = {
    "auto reply", "auto-reply", "autoreply", "automatic reply", "auto response",
    "autoresponse", "out of office", "out of the office", "away from the office",
    "on vacation", "absence", "absent", "réponse automatique",
  };
  g_autofree char *subject = NULL;

  if (e->agent != NULL && g_ascii_strcasecmp (e->agent, "rfc3834") == 0)
    return TRUE;

  if (e->status != NULL || e->reply_code != 0 || e->subject == NULL)
    return FALSE;

  /* a bounce of someone's auto-reply is still a bounce */
  if (e->from != NULL &&
      (strstr (e->from, "MAILER-DAEMON") != NULL || strstr (e->from, "mailer-daemon") != NULL ||
       g_ascii_strncasecmp (e->from, "postmaster", 10) == 0))
    return FALSE;

  subject = g_utf8_strdown (e->subject, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (subjects); i++)
    if (strstr (subject, subjects[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
is_feedback (const MdBounceEvidence *e)
{
  return e->agent != NULL &&
         (g_ascii_strcasecmp (e->agent, "arf") == 0 || g_ascii_strcasecmp (e->agent, "feedback") == 0);
}

/* Temporary or permanent: the class of the status code, else of the
 * reply code, else the DSN action, else the bounce's own words. */
static gboolean
decide_permanent (Judgement *j)
{
  const MdBounceEvidence *e = j->evidence;

  if (e->status != NULL && (e->status[0] == '4' || e->status[0] == '5'))
    return e->status[0] == '5';

  if (e->reply_code / 100 == 4 || e->reply_code / 100 == 5)
    return e->reply_code / 100 == 5;

  if (e->action != NULL)
    {
      if (g_ascii_strncasecmp (e->action, "delayed", 7) == 0)
        return FALSE;
      if (g_ascii_strncasecmp (e->action, "failed", 6) == 0)
        return TRUE;
    }

  return !says_any (j, temporary_phrases, G_N_ELEMENTS (temporary_phrases));
}

static MdReason
decide (Judgement *j)
{
  MdReason reason = MD_REASON_UNDEFINED;

  for (gsize i = 0; i < G_N_ELEMENTS (decisive_phrases); i++)
    if (contains (j, decisive_phrases[i].phrase))
      return decisive_phrases[i].reason;

  if (provider_reason (j, &reason))
    {
      j->settled = TRUE;
      return reason;
    }

  if (!j->x_type)
    reason = strong_reason (j);
  if (reason == MD_REASON_UNDEFINED)
    reason = weak_reason (j);
  if (reason == MD_REASON_UNDEFINED && says (j, MD_REASON_VACATION))
    reason = MD_REASON_VACATION;

  return reason;
}

static void
judgement_init (Judgement              *j,
                const MdBounceEvidence *evidence,
                const char             *words)
{
  j->evidence = evidence;
  j->text = normalize (words);
  collect_pairs (j);
  j->command = normalize_command (evidence->command);
  if (j->command == NULL)
    j->command = infer_command (j);
  j->by_status = reason_from_status (evidence->status);
  if (evidence->status == NULL)
    {
      char buf[12];

      j->by_status = reason_from_status (status_in_text (j->text, buf));
    }
  j->smtp_type = evidence->diagnostic_type == NULL || evidence->diagnostic_type[0] == '\0' ||
                 g_ascii_strcasecmp (evidence->diagnostic_type, "smtp") == 0;
  j->x_type = evidence->diagnostic_type != NULL &&
              g_ascii_strncasecmp (evidence->diagnostic_type, "x-", 2) == 0;
}

/**
 * md_bounce_classify:
 * @evidence: what the bounce says about one recipient
 * @out_permanent: (out) (optional): whether the failure is permanent
 *
 * Decides the reason of a bounce for one recipient: from the status code
 * first, from the diagnostic's wording where the code is missing or vague,
 * then from the reply code, the DSN action and the SMTP command. When the
 * diagnostic says nothing useful, the whole text of the bounce is read.
 *
 * Returns: the reason, %MD_REASON_UNDEFINED when nothing tells
 */
MdReason
md_bounce_classify (const MdBounceEvidence *evidence,
                    gboolean               *out_permanent)
{
  Judgement j = { 0, };
  MdReason reason = MD_REASON_UNDEFINED;
  gboolean permanent;
  gboolean said_something;
  gboolean read_whole;

  g_return_val_if_fail (evidence != NULL, MD_REASON_UNDEFINED);

  /* The whole bounce speaks of every recipient: its words stand in for a
   * missing diagnostic only when no DSN field speaks of this one; they are
   * read again below when the diagnostic itself says nothing useful. */
  read_whole = evidence->text != NULL && evidence->status == NULL && evidence->action == NULL;
  judgement_init (&j, evidence,
                  evidence->diagnostic != NULL && evidence->diagnostic[0] != '\0' ? evidence->diagnostic :
                  read_whole ? evidence->text : NULL);
  said_something = j.text[0] != '\0';
  permanent = decide_permanent (&j);

  if ((evidence->status != NULL && evidence->status[0] == '2') ||
      (evidence->status == NULL && evidence->reply_code / 100 == 2) ||
      is_success_action (evidence->action))
    {
      reason = MD_REASON_DELIVERED;
      permanent = FALSE;
    }
  else if (is_feedback (evidence))
    {
      reason = MD_REASON_FEEDBACK;
      permanent = FALSE;
    }
  else if (is_vacation (evidence))
    {
      reason = MD_REASON_VACATION;
      permanent = FALSE;
    }
  else
    {
      reason = decide (&j);

      /* The parser's excerpt may have missed the sentence that matters. */
      if (reason == MD_REASON_UNDEFINED && !j.settled && evidence->text != NULL &&
          evidence->diagnostic != NULL && evidence->diagnostic[0] != '\0')
        {
          Judgement whole = { 0, };

          judgement_init (&whole, evidence, evidence->text);
          reason = decide (&whole);
          said_something = said_something || whole.text[0] != '\0';
          g_free (whole.text);
        }

      if (reason == MD_REASON_UNDEFINED && said_something && !j.settled)
        reason = MD_REASON_ONHOLD;
    }

  g_free (j.text);

  if (out_permanent != NULL)
    *out_permanent = permanent;

  return reason;
}

/**
 * md_bounce_guess_status:
 * @reason: the reason of a bounce
 * @permanent: whether the failure is permanent
 *
 * A status for a bounce that gives none: class, 0 and a number per reason,
 * as Sisimai numbers them ("5.0.911" for an unknown user), so that such
 * verdicts compare with that analyzer's.
 *
 * Returns: (nullable): a static string, or %NULL for delivered, feedback
 *   and vacation, which are no failures
 */
const char *
md_bounce_guess_status (MdReason reason,
                        gboolean permanent)
{
  static char codes[2][G_N_ELEMENTS (pseudo_numbers)][8];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (pseudo_numbers); i++)
        {
          g_snprintf (codes[0][i], sizeof codes[0][i], "4.0.%u", pseudo_numbers[i].number);
          g_snprintf (codes[1][i], sizeof codes[1][i], "5.0.%u", pseudo_numbers[i].number);
        }
      g_once_init_leave (&initialized, 1);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (pseudo_numbers); i++)
    if (pseudo_numbers[i].reason == reason)
      return codes[permanent ? 1 : 0][i];

  return NULL;
}
