/* md-bounce-scanner.c — finds SMTP reply codes, enhanced status codes and DSN field names with their byte spans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the bytes, no regular expression, no allocation but the
 * result arrays. A byte table stops the loop only at line ends and at the
 * digits 1 to 5; each candidate is then judged by what stands right before
 * and right after it, because the same "550" is a reply code after "said:"
 * and a size before "KB". Header lines that never carry a code (Received:,
 * Date:, DKIM-Signature:, X-…) are skipped whole: they are where the dates,
 * addresses, versions and ids of a bounce live.
 */

#include "config.h"

#include <string.h>

#include "md-bounce-scanner.h"

G_DEFINE_BOXED_TYPE (MdCodeSpan, md_code_span, md_code_span_copy, md_code_span_free)

/**
 * md_code_span_copy:
 * @span: a #MdCodeSpan
 *
 * Returns: (transfer full): a copy of @span
 */
MdCodeSpan *
md_code_span_copy (const MdCodeSpan *span)
{
  g_return_val_if_fail (span != NULL, NULL);

  return g_memdup2 (span, sizeof *span);
}

void
md_code_span_free (MdCodeSpan *span)
{
  g_free (span);
}

enum {
  B_NONE = 0,
  B_LINE,
  B_CANDIDATE,
};

static const guint8 byte_table[256] = {
  ['\n'] = B_LINE, ['\r'] = B_LINE,
  ['1'] = B_CANDIDATE, ['2'] = B_CANDIDATE, ['3'] = B_CANDIDATE,
  ['4'] = B_CANDIDATE, ['5'] = B_CANDIDATE,
};

/* What stands before a candidate. */
typedef enum {
  CTX_REJECT,       /* glued to a word, a number, a path: never a code */
  CTX_NOISE,        /* after a measure or a product: "size: 550", "Postfix 2.3.4" */
  CTX_OTHER,        /* after a number or a closing bracket */
  CTX_WORD,         /* after an ordinary lower-case word */
  CTX_WORD_CAPITAL, /* after a capitalised word: a product name, often */
  CTX_COLON,        /* after "…: " */
  CTX_BRACKET,      /* right after ( [ { ' " < */
  CTX_TRIGGER,      /* after "said", "returned", "smtp;", "code=" … */
  CTX_HASH,         /* "#550 5.1.1", "<mx #5.0.0>" */
  CTX_LINE_START,
} Context;

/* What stands after a reply code. */
typedef enum {
  FOLLOW_REJECT,
  FOLLOW_END,       /* end of line or punctuation */
  FOLLOW_TEXT,      /* words: the reply's text */
  FOLLOW_ENHANCED,  /* an enhanced status code: "550 5.1.1", "550-5.1.1" */
} Follow;

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_alpha (guchar c)
{
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline gboolean
is_alnum (guchar c)
{
  return is_digit (c) || is_alpha (c);
}

static inline gboolean
is_line_end (guchar c)
{
  return c == '\n' || c == '\r';
}

static inline gboolean
is_blank (guchar c)
{
  return c == ' ' || c == '\t';
}

typedef struct {
  const char *text;
  gsize       length;
} Word;

#define W(s) { s, sizeof s - 1 }

/* For each list and first letter, a bit per word length: most look-ups
 * end there, without comparing a single word. */
static guint64 word_shapes[5][27];

static inline char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline guint
shape_index (char c)
{
  c |= 0x20;
  return c >= 'a' && c <= 'z' ? (guint) (c - 'a') : 26;
}

static gboolean
word_in (const char *word,
         gsize       length,
         const Word *list,
         guint       list_index)
{
  if (length > 63 || !((word_shapes[list_index][shape_index (word[0])] >> length) & 1))
    return FALSE;

  /* The lists are in lower case. */
  for (guint i = 0; list[i].text != NULL; i++)
    {
      gsize j = 0;

      if (list[i].length != length)
        continue;
      while (j < length && lower (word[j]) == list[i].text[j])
        j++;
      if (j == length)
        return TRUE;
    }

  return FALSE;
}

/* Words after which a number is what the server answered. */
static const Word trigger_words[] = {
  W ("said"), W ("says"), W ("returned"), W ("returns"), W ("reply"), W ("replied"), W ("response"),
  W ("responded"), W ("answer"), W ("answered"), W ("error"), W ("code"), W ("status"), W ("reason"),
  W ("smtp"), W ("esmtp"), W ("lmtp"), W ("with"), W ("failure"), W ("failed"), W ("rejected"), W ("refused"),
  W ("diagnostic"), W ("dsn"), W ("result"), W ("was"), W ("is"), W ("x-postfix"), W ("x-unix"),
  W ("error_code"), W ("errorcode"), W ("erreur"), W ("statut"), W ("raison"),
  { NULL, 0 }
};

/* Words after which a number is a measure, an id or a version. */
static const Word noise_words[] = {
  W ("size"), W ("port"), W ("line"), W ("lines"), W ("length"), W ("len"), W ("total"), W ("count"), W ("id"),
  W ("pid"), W ("uid"), W ("gid"), W ("number"), W ("no"), W ("nr"), W ("num"), W ("tel"), W ("telephone"),
  W ("phone"), W ("fax"), W ("mobile"), W ("time"), W ("date"), W ("version"), W ("ver"), W ("v"), W ("vers"),
  W ("rev"), W ("revision"), W ("release"), W ("rel"), W ("build"), W ("update"), W ("patch"), W ("year"),
  W ("page"), W ("room"), W ("suite"), W ("ext"), W ("extension"), W ("queue"), W ("bytes"), W ("score"),
  W ("priority"), W ("ttl"), W ("weight"), W ("uptime"), W ("load"), W ("quota"), W ("limit"), W ("timeout"),
  W ("delay"), W ("age"), W ("zip"), W ("box"), W ("street"), W ("apt"), W ("order"), W ("invoice"), W ("ticket"),
  W ("ref"), W ("step"), W ("chapter"), W ("section"), W ("figure"), W ("table"), W ("item"), W ("article"),
  W ("kernel"), W ("firmware"), W ("postfix"), W ("exim"), W ("sendmail"), W ("dovecot"), W ("qmail"),
  W ("courier"), W ("opensmtpd"), W ("openssl"), W ("gnutls"), W ("libressl"), W ("php"), W ("python"),
  W ("perl"), W ("ruby"), W ("java"), W ("node"), W ("apache"), W ("nginx"), W ("linux"), W ("debian"),
  W ("ubuntu"), W ("centos"), W ("windows"), W ("macos"), W ("ios"), W ("android"), W ("thunderbird"),
  W ("firefox"), W ("chrome"), W ("outlook"), W ("exchange"), W ("spamassassin"), W ("amavis"),
  W ("amavisd"), W ("clamav"), W ("rspamd"), W ("roundcube"), W ("zimbra"), W ("mutt"), W ("tls"), W ("tlsv"),
  W ("ssl"), W ("gcc"), W ("glib"), W ("gtk"), W ("bind"), W ("unbound"), W ("mailutils"), W ("mailman"),
  W ("sympa"), W ("horde"), W ("imap"), W ("pop"), W ("http"), W ("https"), W ("at"), W ("on"), W ("in"), W ("since"),
  W ("until"), W ("from"), W ("taille"), W ("ligne"), W ("heure"), W ("tel"), W ("prix"), W ("price"),
  { NULL, 0 }
};

/* Words after a number that make it a measure. */
static const Word unit_words[] = {
  W ("b"), W ("byte"), W ("bytes"), W ("k"), W ("kb"), W ("kib"), W ("kbytes"), W ("m"), W ("mb"), W ("mib"), W ("g"),
  W ("gb"), W ("gib"), W ("tb"), W ("ko"), W ("mo"), W ("octets"), W ("ms"), W ("s"), W ("sec"), W ("secs"),
  W ("second"), W ("seconds"), W ("min"), W ("mins"), W ("minute"), W ("minutes"), W ("h"), W ("hr"), W ("hrs"),
  W ("hour"), W ("hours"), W ("day"), W ("days"), W ("week"), W ("weeks"), W ("month"), W ("months"), W ("year"),
  W ("years"), W ("px"), W ("pt"), W ("kg"), W ("km"), W ("mi"), W ("messages"), W ("msgs"), W ("mails"),
  W ("emails"), W ("e-mails"), W ("recipients"), W ("users"), W ("items"), W ("times"), W ("lines"),
  W ("chars"), W ("characters"), W ("files"), W ("points"), W ("euros"), W ("eur"), W ("usd"), W ("dollars"),
  W ("rows"), W ("entries"), W ("requests"), W ("connections"), W ("errors"), W ("jours"), W ("heures"),
  W ("secondes"), W ("fois"), W ("lignes"), W ("utilisateurs"), W ("destinataires"), W ("ans"),
  W ("mois"), W ("semaines"), W ("x"), W ("mbps"), W ("kbps"), W ("hz"), W ("mhz"), W ("ghz"), W ("dpi"),
  { NULL, 0 }
};

/* DSN field names the UI emphasises (RFC 3464 and the common extensions). */
static const Word field_names[] = {
  W ("reporting-mta"), W ("received-from-mta"), W ("arrival-date"), W ("original-envelope-id"),
  W ("dsn-gateway"), W ("final-recipient"), W ("original-recipient"), W ("action"), W ("status"),
  W ("remote-mta"), W ("diagnostic-code"), W ("last-attempt-date"), W ("will-retry-until"),
  W ("final-log-id"), W ("x-actual-recipient"),
  { NULL, 0 }
};

/* Header lines that never carry a code worth showing. X-… go too. */
static const Word noise_headers[] = {
  W ("received"), W ("dkim-signature"), W ("domainkey-signature"), W ("arc-seal"),
  W ("arc-message-signature"), W ("arc-authentication-results"),
  W ("authentication-results"), W ("received-spf"), W ("message-id"), W ("in-reply-to"),
  W ("references"), W ("date"), W ("arrival-date"), W ("last-attempt-date"),
  W ("will-retry-until"), W ("mime-version"), W ("content-type"),
  W ("content-transfer-encoding"), W ("content-id"), W ("content-disposition"),
  W ("user-agent"), W ("thread-index"), W ("thread-topic"), W ("resent-date"),
  W ("resent-message-id"), W ("delivered-to"), W ("original-envelope-id"), W ("final-log-id"),
  W ("reporting-mta"), W ("received-from-mta"), W ("remote-mta"), W ("return-path"),
  W ("list-id"), W ("list-unsubscribe"), W ("list-archive"), W ("list-help"), W ("list-post"),
  W ("list-subscribe"), W ("list-owner"), W ("feedback-id"), W ("autocrypt"), W ("openpgp"),
  { NULL, 0 }
};

static void
init_word_shapes (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const Word *lists[] = { trigger_words, noise_words, unit_words, field_names, noise_headers };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l][i].text != NULL; i++)
          word_shapes[l][shape_index (lists[l][i].text[0])] |= G_GUINT64_CONSTANT (1) << lists[l][i].length;
      g_once_init_leave (&done, 1);
    }
}

static inline MdCodeClass
class_of (char digit)
{
  switch (digit)
    {
    case '1':
      return MD_CODE_CLASS_POSITIVE_PRELIMINARY;
    case '2':
      return MD_CODE_CLASS_SUCCESS;
    case '3':
      return MD_CODE_CLASS_INTERMEDIATE;
    case '4':
      return MD_CODE_CLASS_TEMPORARY;
    case '5':
      return MD_CODE_CLASS_PERMANENT;
    default:
      return MD_CODE_CLASS_UNKNOWN;
    }
}

/* Is @c, right before a candidate, glue that makes it part of something else? */
static inline gboolean
is_glue_before (guchar c)
{
  return is_alnum (c) || c == '.' || c == '_' || c == '/' || c == '\\' || c == '@' ||
         c == '$' || c == '+' || c == '%' || c == '&' || c == '~' || c == '^' ||
         c == '-' || c == '!' || c == '?' || c == '`' || c == '*' || c == '=' ||
         c == ',';
}

/* Characters that may stand between the start of a line and a code. */
static inline gboolean
is_line_marker (guchar c)
{
  return is_blank (c) || c == '<' || c == '>' || c == '\'' || c == '"' || c == '(' ||
         c == '[' || c == '{' || c == '*' || c == '|' || c == '#' || c == '-';
}

/* The length of an enhanced status code at @p: class 2, 4 or 5, a subject of
 * one digit 0–7, a detail of one to three digits, and nothing glued after.
 * 0 when there is none. */
static guint
enhanced_length (const guchar *p,
                 const guchar *end)
{
  const guchar *q;
  guint detail = 0;

  if (end - p < 5)
    return 0;
  if (p[0] != '2' && p[0] != '4' && p[0] != '5')
    return 0;
  if (p[1] != '.' || p[2] < '0' || p[2] > '7' || p[3] != '.')
    return 0;

  for (q = p + 4; q < end && is_digit (*q); q++)
    detail++;
  if (detail == 0 || detail > 3)
    return 0;

  if (q < end)
    {
      guchar c = *q;
      gboolean next_is_alnum = q + 1 < end && is_alnum (q[1]);

      if (is_alnum (c) || c == '_' || c == '/' || c == '@' || c == '%' || c == '-' ||
          c == '+' || c == '=' || c == '*' || c == '\\' || c == '&' || c == '$' || c == '~')
        return 0;
      if ((c == '.' || c == ':' || c == ',') && next_is_alnum)
        return 0;
    }

  return q - p;
}

/* The length of the word ending right before @p (letters, digits, '-', '_'),
 * and where it starts. */
static gsize
word_before (const guchar  *start,
             const guchar  *p,
             const guchar **out_word)
{
  const guchar *q = p;

  while (q > start && (is_alnum (q[-1]) || q[-1] == '-' || q[-1] == '_') && p - q < 40)
    q--;
  *out_word = q;

  return p - q;
}

static Context
classify_word (const guchar *word,
               gsize         length)
{
  if (length == 0)
    return CTX_OTHER;
  if (is_digit (word[length - 1]))
    return CTX_OTHER;
  if (word_in ((const char *) word, length, trigger_words, 0))
    return CTX_TRIGGER;
  if (word_in ((const char *) word, length, noise_words, 1))
    return CTX_NOISE;
  if (word[0] >= 'A' && word[0] <= 'Z')
    return CTX_WORD_CAPITAL;

  return CTX_WORD;
}

/* Judge what stands before the candidate at @p on the line that starts at
 * @line. */
static Context
context_before (const guchar *line,
                const guchar *p)
{
  const guchar *q;
  guchar direct;

  if (p == line)
    return CTX_LINE_START;

  direct = p[-1];
  if (direct == '#')
    {
      /* "DOC-1369#554" is the fragment of a link. */
      if (p - 1 > line && (is_alnum (p[-2]) || p[-2] == '/' || p[-2] == '.' || p[-2] == '=' ||
                           p[-2] == '?' || p[-2] == '&' || p[-2] == '_' || p[-2] == ':'))
        return CTX_REJECT;
      return CTX_HASH;
    }
  if (direct >= 0x80)
    return CTX_OTHER;
  if (direct == ':')
    {
      const guchar *word;
      const guchar *c = p - 1;
      gsize length;

      /* "12:550" is a time, "fe80::550" an address, "foo.c:550" a line;
       * "said:550" and "ERROR_CODE :550" are replies. */
      while (c > line && is_blank (c[-1]))
        c--;
      if (c == line || !is_alpha (c[-1]))
        return CTX_REJECT;
      length = word_before (line, c, &word);
      return classify_word (word, length) == CTX_TRIGGER ? CTX_TRIGGER : CTX_REJECT;
    }
  if (direct == ';')
    {
      const guchar *word;
      gsize length = word_before (line, p - 1, &word);

      return classify_word (word, length) == CTX_TRIGGER ? CTX_TRIGGER : CTX_COLON;
    }
  if (direct == '=')
    {
      const guchar *word;
      gsize length = word_before (line, p - 1, &word);

      return classify_word (word, length) == CTX_TRIGGER ? CTX_TRIGGER : CTX_REJECT;
    }
  if (is_glue_before (direct))
    return CTX_REJECT;

  /* Only markers and blanks back to the start of the line? */
  for (q = p; q > line && is_line_marker (q[-1]); q--)
    ;
  if (q == line)
    return CTX_LINE_START;

  if (direct == '(' || direct == '[' || direct == '{' || direct == '\'' ||
      direct == '"' || direct == '<')
    return CTX_BRACKET;

  if (!is_blank (direct))
    return CTX_OTHER;

  for (q = p; q > line && is_blank (q[-1]); q--)
    ;

  switch (q[-1])
    {
    case ':':
    case ';':
      {
        const guchar *word;
        const guchar *colon = q - 1;
        gsize length;
        Context word_context;

        if (colon > line && is_digit (colon[-1]))
          return CTX_OTHER;
        for (q = colon; q > line && is_blank (q[-1]); q--)
          ;
        length = word_before (line, q, &word);
        word_context = classify_word (word, length);
        if (word_context == CTX_TRIGGER || word_context == CTX_NOISE)
          return word_context;
        return CTX_COLON;
      }

    case '=':
      return CTX_NOISE;

    default:
      if (is_alpha (q[-1]))
        {
          const guchar *word;
          gsize length = word_before (line, q, &word);

          return classify_word (word, length);
        }
      return CTX_OTHER;
    }
}

/* Judge what stands after a reply code ending at @p; @enhanced gets the
 * length of an enhanced code that follows, at *@enhanced_at. */
static Follow
follow_reply (const guchar  *p,
              const guchar  *end,
              const guchar **enhanced_at,
              guint         *enhanced)
{
  guchar c;

  *enhanced = 0;
  if (p == end || is_line_end (*p))
    return FOLLOW_END;

  c = *p;
  if (is_blank (c))
    {
      const guchar *q = p;

      while (q < end && is_blank (*q))
        q++;
      if (q == end || is_line_end (*q))
        return FOLLOW_END;

      c = *q;
      if (is_digit (c))
        {
          *enhanced = enhanced_length (q, end);
          *enhanced_at = q;
          return *enhanced > 0 ? FOLLOW_ENHANCED : FOLLOW_REJECT;
        }
      if (is_alpha (c))
        {
          const guchar *w = q;

          while (w < end && (is_alpha (*w) || *w == '-'))
            w++;
          /* "550 KB" but not "550 Kbytes-ok"; a unit glued to digits is no word. */
          if (w < end && is_digit (*w))
            return FOLLOW_TEXT;
          return word_in ((const char *) q, w - q, unit_words, 2) ? FOLLOW_REJECT : FOLLOW_TEXT;
        }
      if (c == '<' || c == '[' || c == '(' || c == '\'' || c == '"' || c == '#' || c >= 0x80)
        return FOLLOW_TEXT;
      if (c == '-' && q + 1 < end && is_blank (q[1]))
        return FOLLOW_TEXT;
      return FOLLOW_REJECT;
    }

  if (c == '-')
    {
      if (p + 1 < end && is_digit (p[1]))
        {
          *enhanced = enhanced_length (p + 1, end);
          *enhanced_at = p + 1;
          return *enhanced > 0 ? FOLLOW_ENHANCED : FOLLOW_REJECT;
        }
      if (p + 1 == end || is_alpha (p[1]) || is_blank (p[1]) || is_line_end (p[1]))
        return FOLLOW_TEXT;
      return FOLLOW_REJECT;
    }

  /* Yahoo writes "550: 5.2.2 …". */
  if (c == ':' && p + 1 < end && is_blank (p[1]))
    {
      const guchar *q = p + 1;

      while (q < end && is_blank (*q))
        q++;
      if (q < end && is_digit (*q))
        {
          *enhanced = enhanced_length (q, end);
          *enhanced_at = q;
          return *enhanced > 0 ? FOLLOW_ENHANCED : FOLLOW_REJECT;
        }
    }

  if (c == ',' || c == ';' || c == ')' || c == ']' || c == '>' || c == '\'' || c == '"' || c == '!')
    return FOLLOW_END;
  if ((c == '.' || c == ':') && (p + 1 == end || !is_alnum (p[1])))
    return FOLLOW_END;

  return FOLLOW_REJECT;
}

static inline void
add_span (GArray       *codes,
          const guchar *base,
          const guchar *p,
          guint         length,
          MdCodeKind    kind)
{
  MdCodeSpan span = { 0, };

  span.offset = p - base;
  span.length = length;
  span.kind = kind;
  span.klass = class_of (p[0]);
  memcpy (span.code, p, MIN (length, sizeof span.code - 1));
  g_array_append_val (codes, span);
}

/* Tries a code at @p; returns where scanning goes on. */
static const guchar *
try_candidate (GArray       *codes,
               const guchar *base,
               const guchar *line,
               const guchar *p,
               const guchar *end)
{
  const guchar *q = p;
  guint digits;
  Context context;

  while (q < end && is_digit (*q))
    q++;
  digits = q - p;

  if (digits == 1)
    {
      guint length = enhanced_length (p, end);

      if (length == 0)
        return q;

      context = context_before (line, p);
      switch (context)
        {
        case CTX_LINE_START:
        case CTX_HASH:
        case CTX_COLON:
        case CTX_TRIGGER:
          break;
        case CTX_BRACKET:
        case CTX_WORD:
          /* "(2.3.4)" and "release 2.1.5" are versions far more often. */
          if (p[0] == '2')
            return p + length;
          break;
        case CTX_REJECT:
        case CTX_NOISE:
        case CTX_OTHER:
        case CTX_WORD_CAPITAL:
        default:
          return p + length;
        }

      add_span (codes, base, p, length, MD_CODE_KIND_ENHANCED);
      return p + length;
    }

  if (digits == 3 && p[1] <= '5')
    {
      const guchar *enhanced_at = NULL;
      guint enhanced = 0;
      Follow follow;
      gboolean accept = FALSE;

      follow = follow_reply (q, end, &enhanced_at, &enhanced);
      if (follow == FOLLOW_REJECT)
        return q;

      context = context_before (line, p);
      if (context == CTX_REJECT || context == CTX_NOISE)
        return enhanced > 0 ? enhanced_at + enhanced : q;

      switch (follow)
        {
        case FOLLOW_ENHANCED:
          accept = TRUE;
          break;
        case FOLLOW_TEXT:
          accept = context == CTX_LINE_START || context == CTX_HASH || context == CTX_BRACKET ||
                   context == CTX_COLON || context == CTX_TRIGGER;
          break;
        case FOLLOW_END:
          accept = (context == CTX_HASH || context == CTX_TRIGGER) &&
                   (p[0] == '2' || p[0] == '4' || p[0] == '5');
          break;
        case FOLLOW_REJECT:
        default:
          break;
        }

      if (!accept)
        return q;

      add_span (codes, base, p, 3, MD_CODE_KIND_REPLY);
      if (enhanced > 0)
        {
          add_span (codes, base, enhanced_at, enhanced, MD_CODE_KIND_ENHANCED);
          return enhanced_at + enhanced;
        }
      return q;
    }

  /* A longer or shorter number, a dotted quad, a date: skip all of it. */
  while (q < end && (is_digit (*q) || (*q == '.' && q + 1 < end && is_digit (q[1]))))
    q++;
  return q;
}

typedef enum {
  LINE_PLAIN,
  LINE_NOISE,   /* a header line whose value is skipped, folds included */
} LineKind;

/* Looks at the start of a line: a DSN field name to record, a noise header
 * to skip, or a fold that keeps the previous line's kind. */
static LineKind
line_start (GArray       *fields,
            const guchar *base,
            const guchar *p,
            const guchar *end,
            LineKind      previous)
{
  char name[32];
  const guchar *q = p;
  gsize length;
  gboolean noise = FALSE;

  if (p == end)
    return LINE_PLAIN;
  if (is_blank (*p))
    return previous;
  if (!is_alpha (*p))
    return LINE_PLAIN;

  while (q < end && (is_alnum (*q) || *q == '-') && q - p < (gssize) sizeof name - 1)
    q++;
  if (q == end || *q != ':')
    return LINE_PLAIN;

  length = q - p;
  for (gsize i = 0; i < length; i++)
    name[i] = lower (p[i]);
  name[length] = '\0';

  if (length > 2 && name[0] == 'x' && name[1] == '-')
    noise = TRUE;
  else if (word_in (name, length, noise_headers, 4))
    noise = TRUE;

  if (fields != NULL && word_in (name, length, field_names, 3))
    {
      gboolean keep = TRUE;

      /* "Status: RO" is a mailbox flag, not a DSN field. */
      if (strcmp (name, "status") == 0)
        {
          const guchar *v = q + 1;

          while (v < end && is_blank (*v))
            v++;
          keep = v < end && is_digit (*v);
        }

      if (keep)
        {
          MdFieldSpan span = { p - base, length + 1 };

          g_array_append_val (fields, span);
        }
    }

  return noise ? LINE_NOISE : LINE_PLAIN;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Does one of the eight bytes at @p stop the scan: a digit 1–5, CR or LF?
 * (The "has a zero byte" and "has a byte between" tricks of
 * graphics.stanford.edu/~seander/bithacks.html, exact for "any".) */
static inline gboolean
word_matters (const guchar *p)
{
  guint64 x, cr, lf, digit;

  memcpy (&x, p, sizeof x);
  lf = x ^ (ONES * '\n');
  cr = x ^ (ONES * '\r');
  digit = (ONES * (127 + '6') - (x & ONES * 127)) & ~x & ((x & ONES * 127) + ONES * (127 - '0'));

  return ((((lf - ONES) & ~lf) | ((cr - ONES) & ~cr) | digit) & HIGHS) != 0;
}

/* The next CR or LF at or after @p, or @end. */
static inline const guchar *
line_end (const guchar *p,
          const guchar *end)
{
  const guchar *lf = memchr (p, '\n', end - p);
  const guchar *cr = memchr (p, '\r', (lf != NULL ? lf : end) - p);

  return cr != NULL ? cr : lf != NULL ? lf : end;
}

/**
 * md_bounce_scan:
 * @data: the text, any bytes
 * @length: its length
 * @out_fields: (out) (optional) (transfer full) (element-type MdFieldSpan):
 *   the DSN field names found at line starts
 *
 * Finds every SMTP reply code and enhanced status code in @data, in the
 * shapes bounces use, and nothing that only looks like one (dates, times,
 * addresses, versions, sizes, ports, phone numbers, ids). Line ends may be
 * LF, CRLF or CR.
 *
 * Returns: (transfer full) (element-type MdCodeSpan): the codes, in order
 */
GArray *
md_bounce_scan (const char  *data,
                gsize        length,
                GArray     **out_fields)
{
  const guchar *base = (const guchar *) data;
  const guchar *end = base + length;
  const guchar *p = base;
  const guchar *line = base;
  GArray *codes;
  GArray *fields = NULL;
  LineKind kind;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  init_word_shapes ();

  codes = g_array_new (FALSE, FALSE, sizeof (MdCodeSpan));
  if (out_fields != NULL)
    fields = g_array_new (FALSE, FALSE, sizeof (MdFieldSpan));

  kind = line_start (fields, base, p, end, LINE_PLAIN);
  if (kind == LINE_NOISE)
    p = line_end (p, end);

  while (p < end)
    {
      guint8 t = byte_table[*p];

      if (G_LIKELY (t == B_NONE))
        {
          p++;
          /* Eight bytes at a time while none of them can matter. */
          while (end - p >= 8 && !word_matters (p))
            p += 8;
          continue;
        }

      if (t == B_LINE)
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          line = p;
          kind = line_start (fields, base, p, end, kind);
          if (kind == LINE_NOISE)
            p = line_end (p, end);
          continue;
        }

      if (p > line && (is_alnum (p[-1]) || p[-1] == '.'))
        {
          /* Inside a word or a dotted number: skip the rest of it. */
          while (p < end && (is_alnum (*p) || *p == '.'))
            p++;
          continue;
        }

      p = try_candidate (codes, base, line, p, end);
    }

  if (out_fields != NULL)
    *out_fields = fields;

  return codes;
}
