/* md-bounce-text.c — any bytes made displayable, with byte offsets mapped to characters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkTextBuffer only takes valid UTF-8 without NUL, while the analyzer
 * reports byte spans in the bytes it was given. Both functions here walk the
 * bytes with the same rule — a valid character stays, every other byte
 * becomes one U+FFFD — so a span found in the raw bytes lands on the same
 * characters in the buffer.
 */

#include "config.h"

#include <string.h>

#include "md-bounce-text.h"

#define REPLACEMENT "\xEF\xBF\xBD"

/* The length of the valid character at @p, or 0 where @p holds a byte to
 * replace. The same rule as g_utf8_validate(), which GtkTextBuffer applies:
 * no NUL, no overlong form, no surrogate, nothing above U+10FFFF. */
static inline guint
char_length (const guchar *p,
             gsize         available)
{
  guchar c = p[0];

  if (c < 0x80)
    return c != 0;
  if (c < 0xC2)
    return 0;
  if (c < 0xE0)
    return available >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c < 0xF0)
    {
      if (available < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
      if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
        return 0;
      return 3;
    }
  if (c < 0xF5)
    {
      if (available < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        return 0;
      if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
        return 0;
      return 4;
    }

  return 0;
}

/* The longest valid run at @data. Plain ASCII, most of any bounce, goes
 * through the first loop. */
static gsize
valid_run (const char *data,
           gsize       length)
{
  const guchar *p = (const guchar *) data;
  gsize pos = 0;

  while (pos < length)
    {
      guint n;

      while (pos < length && p[pos] - 1u < 0x7Fu)
        pos++;
      if (pos >= length)
        break;

      n = char_length (p + pos, length - pos);
      if (n == 0)
        break;
      pos += n;
    }

  return pos;
}

/**
 * md_bounce_text_make_valid:
 * @data: any bytes
 * @length: their length
 * @out_length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): @data as valid UTF-8 without NUL, each invalid
 *   byte or NUL replaced by U+FFFD
 */
char *
md_bounce_text_make_valid (const char *data,
                           gsize       length,
                           gsize      *out_length)
{
  const guchar *p = (const guchar *) data;
  gsize pos, size;
  char *out, *o;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  pos = valid_run (data, length);
  /* At worst every byte after the first bad one is replaced. */
  size = pos + 3 * (length - pos) + 1;
  out = g_malloc (size);
  if (pos > 0)
    memcpy (out, data, pos);
  o = out + pos;

  /* One pass, byte by byte: binary junk has a bad byte every few. */
  while (pos < length)
    {
      guint n = p[pos] - 1u < 0x7Fu ? 1 : char_length (p + pos, length - pos);

      if (n == 0)
        {
          memcpy (o, REPLACEMENT, 3);
          o += 3;
          pos++;
        }
      else
        {
          memcpy (o, p + pos, n);
          o += n;
          pos += n;
        }
    }
  *o = '\0';

  if (out_length != NULL)
    *out_length = o - out;

  /* Give back what the worst case reserved. */
  return size > (gsize) (o - out) + 1 + 4096 ? g_realloc (out, o - out + 1) : out;
}

/* Characters in valid UTF-8: the bytes that are not continuation bytes.
 * Much faster than g_utf8_pointer_to_offset() on megabytes: the loop has no
 * branch and the compiler vectorises it. */
static gint64
count_chars (const char *start,
             const char *end)
{
  const guchar *p = (const guchar *) start;
  gsize n = end - start;
  gint64 count = 0;

  for (gsize i = 0; i < n; i++)
    count += (p[i] & 0xC0) != 0x80;

  return count;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const gsize *byte_offsets = user_data;
  gsize x = byte_offsets[*(const guint *) a];
  gsize y = byte_offsets[*(const guint *) b];

  return (x > y) - (x < y);
}

/**
 * md_bounce_text_map_offsets:
 * @data: the bytes that were given to md_bounce_text_make_valid()
 * @length: their length
 * @byte_offsets: (array length=n_offsets): offsets into @data, in any order
 * @n_offsets: how many
 * @char_offsets: (out caller-allocates) (array length=n_offsets): the
 *   character offset of each in the valid text
 *
 * An offset inside a multi-byte character maps to that character; an offset
 * past the end maps to the end.
 */
void
md_bounce_text_map_offsets (const char  *data,
                            gsize        length,
                            const gsize *byte_offsets,
                            guint        n_offsets,
                            gint64      *char_offsets)
{
  g_autofree guint *order = NULL;
  gsize pos = 0;
  gint64 chars = 0;
  guint k = 0;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (byte_offsets != NULL || n_offsets == 0);
  g_return_if_fail (char_offsets != NULL || n_offsets == 0);

  if (n_offsets == 0)
    return;

  order = g_new (guint, n_offsets);
  for (guint i = 0; i < n_offsets; i++)
    order[i] = i;
  g_qsort_with_data (order, n_offsets, sizeof (guint), compare_offsets, (gpointer) byte_offsets);

  while (pos < length && k < n_offsets)
    {
      gsize run = valid_run (data + pos, length - pos);
      gsize run_end = pos + run;
      const char *cursor = data + pos;

      for (; k < n_offsets && byte_offsets[order[k]] <= run_end; k++)
        {
          gsize offset = byte_offsets[order[k]];

          /* Snap to the start of the character the offset falls in; at
           * the end of the run stands the next, invalid, byte. */
          while (offset > pos && offset < run_end && ((guchar) data[offset] & 0xC0) == 0x80)
            offset--;
          if (data + offset > cursor)
            {
              chars += count_chars (cursor, data + offset);
              cursor = data + offset;
            }
          char_offsets[order[k]] = chars;
        }

      chars += count_chars (cursor, data + run_end);
      pos = run_end;

      if (pos < length)
        {
          /* The invalid byte is one character: U+FFFD. */
          pos++;
          chars++;
        }
    }

  for (; k < n_offsets; k++)
    char_offsets[order[k]] = chars;
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* How many bytes the character that @c starts may take: 1 for ASCII and
 * for bytes that start no character. */
static inline gsize
lead_length (guchar c)
{
  if (c >= 0xC2 && c < 0xE0)
    return 2;
  if (c >= 0xE0 && c < 0xF0)
    return 3;
  if (c >= 0xF0 && c < 0xF5)
    return 4;

  return 1;
}

/**
 * md_bounce_text_chunk_end:
 * @text: any bytes
 * @length: their length
 * @start: where the chunk starts
 * @chunk_size: about how many bytes it should hold
 *
 * Where to cut @text for inserting it piece by piece: after a newline near
 * @start + @chunk_size where there is one, never inside a character nor
 * between the CR and LF of a line end. The cut falls after an ASCII byte or
 * before a byte that does not continue a character, so that no character
 * straddles it: md_bounce_text_make_valid() gives the same text for the
 * pieces as for the whole.
 *
 * Returns: the end of the chunk, > @start unless @start == @length
 */
gsize
md_bounce_text_chunk_end (const char *text,
                          gsize       length,
                          gsize       start,
                          gsize       chunk_size)
{
  gsize target = start + MAX (chunk_size, 1);
  const char *newline;

  g_return_val_if_fail (start <= length, length);

  if (target >= length)
    return length;

  newline = memchr (text + target, '\n', MIN (length - target, 4096));
  if (newline != NULL)
    return newline - text + 1;

  /* A character that the cut would split starts at most three bytes
   * before it: cut before that character, or after it when it starts the
   * chunk. Continuation bytes further from any lead byte belong to no
   * character, and binary junk can hold megabytes of them: cut there. */
  for (gsize back = 1; back <= 3 && back <= target - start && is_continuation (text[target]); back++)
    {
      guchar c = text[target - back];

      if (is_continuation (c))
        continue;
      if (lead_length (c) > back && target - back > start)
        target -= back;
      else if (lead_length (c) > back)
        for (target = start + 1;
             target < MIN (length, start + lead_length (c)) && is_continuation (text[target]);
             target++)
          ;
      break;
    }
  if (target < length && text[target - 1] == '\r' && text[target] == '\n')
    target++;

  return target;
}
