/* bedside-readability.c: Flesch–Kincaid grade of patient-facing English text. */

#include "bedside-lint.h"

#include <string.h>

/* The heuristics below are the usual ones of readability tools; they are
 * documented in docs/lint.md.  They never need to be exact: the grade is a
 * warning threshold for authors, not a measurement to report. */

static gunichar
base_letter (gunichar c)
{
  gunichar a, b;

  /* "é" counts as the vowel "e": the decomposition's first part is the
   * base letter. */
  c = g_unichar_tolower (c);
  if (c >= 0x80 && g_unichar_decompose (c, &a, &b))
    return a;
  return c;
}

static gboolean
is_vowel (const gunichar *word,
          guint           i)
{
  switch (word[i])
    {
    case 'a': case 'e': case 'i': case 'o': case 'u':
      return TRUE;
    case 'y':
      /* "yes", "young": a leading y is a consonant; elsewhere ("why",
       * "dryness") it is a vowel sound. */
      return i > 0;
    default:
      return FALSE;
    }
}

/* Syllables of one run of letters (lower case base letters). */
static guint
count_syllables_letters (const gunichar *w,
                         guint           n)
{
  guint count = 0;
  gboolean previous_vowel = FALSE;

  if (n == 0)
    return 0;

  /* Each group of consecutive vowels is one syllable: "beau-ti-ful". */
  for (guint i = 0; i < n; i++)
    {
      gboolean v = is_vowel (w, i);

      if (v && !previous_vowel)
        count++;
      previous_vowel = v;
    }

  /* Silent endings, only when the word keeps a syllable: "take", "used",
   * "takes"; but "table" (-le after a consonant), "needed" (-ed after t or
   * d) and "doses" (-es after a sibilant) keep theirs. */
  if (count > 1 && n >= 3)
    {
      gunichar last = w[n - 1], before = w[n - 2], third = w[n - 3];

      if (last == 'e' && !is_vowel (w, n - 2))
        {
          if (!(before == 'l' && !is_vowel (w, n - 3)))
            count--;
        }
      else if (last == 'd' && before == 'e')
        {
          if (third != 't' && third != 'd')
            count--;
        }
      else if (last == 's' && before == 'e')
        {
          gboolean sibilant = third == 's' || third == 'x' || third == 'z' ||
                              third == 'c' || third == 'g' ||
                              (n >= 4 && third == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's'));
          gboolean le = third == 'l' && n >= 4 && !is_vowel (w, n - 4);

          if (!sibilant && !le)
            count--;
        }
    }

  return MAX (count, 1);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* What may join two word characters into one word: "don't", "follow-up",
 * "2.5", "1,000", "e.g". */
static gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011 ||
         c == '.' || c == ',';
}

static gboolean
is_terminator (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' ||
         c == 0x2026 /* … */;
}

/* Syllables of one word as written (letters, digits and joiners). */
static guint
count_word_syllables (const gunichar *word,
                      guint           n)
{
  g_autofree gunichar *letters = g_new (gunichar, n + 1);
  guint total = 0, k = 0;

  /* A number ("400", "2.5", "3rd") is read as one short word. */
  for (guint i = 0; i < n; i++)
    if (g_unichar_isdigit (word[i]))
      return 1;

  /* Hyphens and dots separate parts that each have their syllables
   * ("follow-up" = 2 + 1); apostrophes vanish ("don't" = "dont"). */
  for (guint i = 0; i <= n; i++)
    {
      gunichar c = i < n ? word[i] : 0;

      if (c == 0 || c == '-' || c == 0x2010 || c == 0x2011 || c == '.' || c == ',')
        {
          total += count_syllables_letters (letters, k);
          k = 0;
        }
      else if (c != '\'' && c != 0x2019 && !g_unichar_ismark (c))
        letters[k++] = base_letter (c);
    }

  return MAX (total, 1);
}

void
bedside_readability_count (const char            *text,
                           BedsideReadabilityCount *count)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  gboolean words_since_end = FALSE;

  g_return_if_fail (count != NULL);

  memset (count, 0, sizeof *count);
  if (text == NULL)
    return;
  chars = g_utf8_to_ucs4_fast (text, -1, &n);

  for (glong i = 0; i < n; )
    {
      gunichar c = chars[i];

      if (is_word_char (c))
        {
          glong start = i;

          /* A joiner belongs to the word only between two word characters,
           * so "fine." ends with a full stop, not a dot. */
          while (i < n && (is_word_char (chars[i]) ||
                           (is_joiner (chars[i]) && i + 1 < n && i > start &&
                            is_word_char (chars[i - 1]) && is_word_char (chars[i + 1]))))
            i++;
          count->words++;
          count->syllables += count_word_syllables (chars + start, (guint) (i - start));
          words_since_end = TRUE;
          continue;
        }

      /* A run of terminators ("?!", "...") ends one sentence, and only
       * if it has words before it. */
      if (is_terminator (c) && words_since_end)
        {
          count->sentences++;
          words_since_end = FALSE;
        }
      i++;
    }

  /* A text without a final full stop (a title) is still a sentence. */
  if (words_since_end)
    count->sentences++;
}

double
bedside_readability_grade (const char *text)
{
  BedsideReadabilityCount c;

  bedside_readability_count (text, &c);
  if (c.words == 0 || c.sentences == 0)
    return 0.0;

  return 0.39 * ((double) c.words / c.sentences) +
         11.8 * ((double) c.syllables / c.words) - 15.59;
}
