/* The line scanner of join_hard_wraps: zhclean.paragraphs._rows in C.
 *
 * _rows builds one _Row per physical line, and that Python loop was the step's largest cost
 * after every whole-document pass had moved to C (issue #5: ~72 of ~135 ms of the step on
 * the 2.1 MB mixed corpus). This module does the same per-line work in one pass over each
 * line and returns exactly what the Python code returns: the same _Row tuples, the same
 * ints, floats bit-identical (the same double operations in the same order). The Python
 * code stays the reference and the fallback (ZHCLEAN_PURE_PYTHON=1); tests/test_rowscan.py
 * compares the two on every real file and on generated text.
 *
 * Split of the work: the common path is here (line ends, the HSPACE strip, the blank test
 * for printable lines, space runs, wide/Latin glyph counts, indent, first token, the
 * first/last character tests). The regexes are called back, through the pattern objects
 * given to Scanner(), only for the lines whose characters make a match possible, as the
 * Python code does: BLANK_LINE for lines with an unprintable character and no printable
 * one outside PRINTABLE_BLANK, TERMINAL_END / HEADING / LIST_START when the last / first
 * character allows them; and fewer than the Python code: LIST_START not for lines whose
 * first characters rule it out (may_list), TERMINAL_END only for a remark in brackets
 * (ends_sentence decides the rest). Every first token is measured here as _token_width does: the
 * Python code caches the widths (``tokens``: its regexes are slow), but here measuring a
 * token is cheaper than building its string to look it up (a tenth of the scan).
 *
 * Scanner.vocabulary is _vocabulary, the words of ASCII letters the hyphen rule looks up,
 * for a block of many documents as the CLI cleans one (one document needing it makes the
 * whole block's words needed).
 *
 * Five patterns are implemented here rather than called (LINE_END, WIDE_RUN, the space class
 * of SPACE_RUN_CHANGED, FIRST_TOKEN, WORD_CHAIN), TERMINAL_END in part (ends_sentence) and LIST_START's
 * shape decides when it is called (may_list): Scanner() compares their source with the text
 * this file was written for and refuses to build on any difference, so editing one of them
 * in zhclean/tables/paragraphs.py cannot silently desynchronize the two implementations.
 * The character sets (HSPACE, PRINTABLE_BLANK, TERMINATORS, TERMINAL_LAST, HEADING_FIRST,
 * LIST_FIRST, LATIN_CLASS) are read from the objects given, not copied.
 *
 * Build with -ffp-contract=off (setup.py): a fused multiply-add would round the width
 * sums differently from CPython's separate float multiply and add (built with
 * -O2 -march=native and without the flag, gcc emits 39 FMAs here and tests/test_rowscan.py
 * fails on real files).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* The sources of the patterns implemented below (UTF-8, from zhclean/tables/paragraphs.py). */
static const char LINE_END_SOURCE[] =
    "\\r\\n|[\\n\\r\\f\\v\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]";
/* WIDE_RUN: a WIDE character, then at most one WIDE_MARKS mark unless it was U+3000, repeated
 * (is_wide, is_wide_mark and count_glyph implement it). */
static const char WIDE_RUN_SOURCE[] =
    "(?:[\341\204\200-\341\205\237\342\272\200-\343\200\276\343\201\200-\352\223\217\352\260\200-"
    "\355\236\243\357\244\200-\357\253\277\357\270\260-\357\271\217\357\274\200-\357\275\240"
    "\357\277\240-\357\277\246\342\200\230\342\200\231\342\200\234\342\200\235\342\200\246"
    "\342\200\224\360\240\200\200-\360\277\277\275](?:(?<!\343\200\200)[,\\.;:!\\?])?)+";
static const char SPACE_RUN_CHANGED_SOURCE[] =
    "(?: (?=[ \\t\\u00a0\\u3000])|[\\t\\u00a0\\u3000])[ \\t\\u00a0\\u3000]*";
static const char LIST_START_SOURCE[] =
    "^(?:[\342\200\242\302\267\342\226\252\342\227\217\342\227\213\342\226\240\342\226\241\342\227"
    "\206\342\227\207\342\226\266\342\226\272\342\230\205\342\230\206\342\200\273\\*]\\s*\\S|[\\-"
    "\342\200\223](?![\\-\342\200\223])\\s*\\S|\\d{1,3}[)\357\274\211\343\200\201]|[\357\274\210(]"
    "[\\d\344\270\200\344\272\214\344\270\211\345\233\233\344\272\224\345\205\255\344\270\203"
    "\345\205\253\344\271\235\345\215\201]{1,3}[)\357\274\211](?![\343\200\202\357\274\214\343\200"
    "\201\357\274\233.,;])|[\342\221\240-\342\221\263]|[\344\270\200\344\272\214\344\270\211\345\233"
    "\233\344\272\224\345\205\255\344\270\203\345\205\253\344\271\235\345\215\201]{1,3}\343\200\201"
    "|[a-zA-Z][.)]\\s)";
static const char TERMINAL_END_SOURCE[] =
    "[\343\200\202\357\274\201\357\274\237!?\342\200\246\357\274\233;\357\274\232:\357\274"
    "\216.][\342\200\235\342\200\231\343\200\215\343\200\217\357\274\211)\343\200\221\343"
    "\200\213\343\200\211\\\"'\357\274\275]*$|[\342\200\235\343\200\215\343\200\217][\343"
    "\200\202\357\274\201\357\274\237]?$|[\343\200\202\357\274\201\357\274\237!?\357\274"
    "\216.] ?[\357\274\210(](?:[^()\357\274\210\357\274\211]|[\357\274\210(][^()\357\274"
    "\210\357\274\211]*[)\357\274\211])*[)\357\274\211]$";
/* WORD_CHAIN: the vocabulary's words and pairs (scan_words implements what _vocabulary
 * collects with it). */
static const char WORD_CHAIN_SOURCE[] =
    "[A-Za-z](?<!\\w[A-Za-z])[A-Za-z]*(?:-[A-Za-z]+)*(?!\\w)";
static const char FIRST_TOKEN_SOURCE[] =
    "(?:[^\\x00-\\x7f\342\200\234\342\200\230\343\200\214\343\200\216\343\200\212\343\200\210"
    "\357\274\210]?[\342\200\234\342\200\230\\\"]|[\343\200\214\343\200\216\343\200\212\343\200"
    "\210(\357\274\210])?[A-Za-z0-9_./:@\\-+~$=%#]+[\342\200\235\342\200\231\343\200\215\343\200"
    "\217\343\200\213\343\200\211\\\"\357\274\211)]?|.[\357\274\214\343\200\202\343\200\201\357"
    "\274\233\357\274\232\357\274\201\357\274\237\342\200\235\342\200\231\357\274\211\343\200"
    "\215\343\200\217\343\200\213,.;:!?)]*";

/* The scanning functions take the string's kind as an argument and are inlined into one
 * copy per kind (scan_text's callers), where it is a constant: PyUnicode_READ then needs
 * no branch per character. */
#if defined(__GNUC__) || defined(__clang__)
#define SCAN_INLINE static inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define SCAN_INLINE static __forceinline
#else
#define SCAN_INLINE static inline
#endif

/* Number of _Row fields. */
#define ROW_FIELDS 19
/* Floats 0.0 to WHOLE - 1 shared by the rows: most indents are 0.0 and most first tokens of
 * Han text 1.0 or 2.0 ems wide. */
#define WHOLE 9

/* LATIN_CLASS codes. */
enum { CLASS_OTHER = 0, CLASS_THIN = 1, CLASS_BROAD = 2, CLASS_CAPITAL = 3 };

/* A set of characters: a table for ASCII, a sorted array for the rest. */
typedef struct {
    unsigned char ascii[128];
    Py_UCS4 *wide;
    Py_ssize_t n_wide;
} CharSet;

typedef struct {
    PyObject_HEAD
    PyTypeObject *row_type;
    PyObject *blank_fullmatch; /* BLANK_LINE.fullmatch */
    PyObject *heading_match;   /* HEADING.match */
    PyObject *list_match;      /* LIST_START.match */
    PyObject *terminal_search; /* TERMINAL_END.search */
    double space_em;           /* _SPACE_EM */
    PyObject *whole[WHOLE];    /* the floats 0.0, 1.0, ... (new_float) */
    CharSet hspace, printable_blank, terminators, terminal_last, heading_first, list_first;
    unsigned char latin_class[128];
} Scanner;

static int
compare_ucs4(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

/* Fill ``set`` from a str or an iterable of one-character strs. */
static int
charset_init(CharSet *set, PyObject *source, const char *name)
{
    PyObject *items = PySequence_List(source);
    if (items == NULL) {
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(items);
    memset(set->ascii, 0, sizeof set->ascii);
    set->wide = PyMem_New(Py_UCS4, n > 0 ? n : 1);
    set->n_wide = 0;
    if (set->wide == NULL) {
        Py_DECREF(items);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        if (!PyUnicode_Check(item) || PyUnicode_GET_LENGTH(item) != 1) {
            Py_DECREF(items);
            PyErr_Format(PyExc_TypeError, "%s: expected one-character strings", name);
            return -1;
        }
        Py_UCS4 ch = PyUnicode_READ_CHAR(item, 0);
        if (ch < 128) {
            set->ascii[ch] = 1;
        }
        else {
            set->wide[set->n_wide++] = ch;
        }
    }
    Py_DECREF(items);
    qsort(set->wide, (size_t)set->n_wide, sizeof(Py_UCS4), compare_ucs4);
    return 0;
}

static inline int
charset_has(const CharSet *set, Py_UCS4 ch)
{
    if (ch < 128) {
        return set->ascii[ch];
    }
    Py_ssize_t lo = 0, hi = set->n_wide;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        Py_UCS4 m = set->wide[mid];
        if (m == ch) {
            return 1;
        }
        if (m < ch) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return 0;
}

/* LINE_END without "\r\n" (handled by the caller): the line ends of str.splitlines. */
static inline int
is_line_end(Py_UCS4 ch)
{
    return (ch >= 0x0a && ch <= 0x0d) || (ch >= 0x1c && ch <= 0x1e) || ch == 0x85 ||
           ch == 0x2028 || ch == 0x2029;
}

/* WIDE_MARKS: an ASCII mark measured one em wide right after a wide character other than
 * U+3000 (WIDE_RUN's "(?<!\u3000)[,.;:!?]" after WIDE). */
static inline int
is_wide_mark(Py_UCS4 ch)
{
    return ch == ',' || ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?';
}

/* WIDE. */
static inline int
is_wide(Py_UCS4 ch)
{
    if (ch < 0x1100) {
        return 0;
    }
    if (ch <= 0x115f) {
        return 1;
    }
    if (ch < 0x2014) {
        return 0;
    }
    if (ch < 0x2e80) {
        return ch == 0x2014 || ch == 0x2018 || ch == 0x2019 || ch == 0x201c || ch == 0x201d ||
               ch == 0x2026;
    }
    return ch <= 0x303e || (ch >= 0x3040 && ch <= 0xa4cf) || (ch >= 0xac00 && ch <= 0xd7a3) ||
           (ch >= 0xf900 && ch <= 0xfaff) || (ch >= 0xfe30 && ch <= 0xfe4f) ||
           (ch >= 0xff00 && ch <= 0xff60) || (ch >= 0xffe0 && ch <= 0xffe6) ||
           (ch >= 0x20000 && ch <= 0x3fffd);
}

/* The class of SPACE_RUN / SPACE_RUN_CHANGED: [ \t\u00a0\u3000]. */
static inline int
is_run_space(Py_UCS4 ch)
{
    return ch == ' ' || ch == '\t' || ch == 0xa0 || ch == 0x3000;
}

/* The classes the per-character loops test, for the Basic Multilingual Plane in one table
 * filled at import from the functions above (so the two cannot disagree): one load instead
 * of up to a dozen comparisons per character, which were most of the scan of Han text. */
enum { CHAR_END = 1, CHAR_SPACE = 2, CHAR_WIDE = 4, CHAR_MARK = 8 };
static unsigned char char_classes[0x10000];

static unsigned char
char_class_of(Py_UCS4 ch)
{
    return (unsigned char)((is_line_end(ch) ? CHAR_END : 0) | (is_run_space(ch) ? CHAR_SPACE : 0) |
                           (is_wide(ch) ? CHAR_WIDE : 0) | (is_wide_mark(ch) ? CHAR_MARK : 0));
}

static void
char_classes_init(void)
{
    for (Py_UCS4 ch = 0; ch < 0x10000; ch++) {
        char_classes[ch] = char_class_of(ch);
    }
}

static inline unsigned char
char_class(Py_UCS4 ch)
{
    return ch < 0x10000 ? char_classes[ch] : char_class_of(ch);
}

/* FIRST_TOKEN's word characters: [A-Za-z0-9_./:@\-+~$=%#]. */
static inline int
is_token_word(Py_UCS4 ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '.' || ch == '/' || ch == ':' || ch == '@' || ch == '-' ||
           ch == '+' || ch == '~' || ch == '$' || ch == '=' || ch == '%' || ch == '#';
}

/* [“‘「『《〈（]: excluded from the optional character before an opening quote. */
static inline int
is_token_opener(Py_UCS4 ch)
{
    return ch == 0x201c || ch == 0x2018 || ch == 0x300c || ch == 0x300e || ch == 0x300a ||
           ch == 0x3008 || ch == 0xff08;
}

/* [“‘"]. */
static inline int
is_token_quote(Py_UCS4 ch)
{
    return ch == 0x201c || ch == 0x2018 || ch == '"';
}

/* [「『《〈(（]. */
static inline int
is_token_bracket(Py_UCS4 ch)
{
    return ch == 0x300c || ch == 0x300e || ch == 0x300a || ch == 0x3008 || ch == '(' ||
           ch == 0xff08;
}

/* [”’」』》〉"）)]: the closing mark after a word. */
static inline int
is_token_closer(Py_UCS4 ch)
{
    return ch == 0x201d || ch == 0x2019 || ch == 0x300d || ch == 0x300f || ch == 0x300b ||
           ch == 0x3009 || ch == '"' || ch == 0xff09 || ch == ')';
}

/* [，。、；：！？”’）」』》,.;:!?)]: punctuation kept with a single first character. */
static inline int
is_token_tail(Py_UCS4 ch)
{
    return ch == 0xff0c || ch == 0x3002 || ch == 0x3001 || ch == 0xff1b || ch == 0xff1a ||
           ch == 0xff01 || ch == 0xff1f || ch == 0x201d || ch == 0x2019 || ch == 0xff09 ||
           ch == 0x300d || ch == 0x300f || ch == 0x300b || ch == ',' || ch == '.' || ch == ';' ||
           ch == ':' || ch == '!' || ch == '?' || ch == ')';
}

/* The end of FIRST_TOKEN.match(text[start:end]) (a non-empty line without line ends).
 *
 * The pattern is  A = (?:P1|P2)? W+ C?  or  B = . T*  (W, C, T the classes above), with
 * P1 = [^\x00-\x7f“‘「『《〈（]? [“‘"]  and  P2 = [「『《〈(（]. A match of A is decided by
 * its first characters: P1 with its optional character needs a non-ASCII character outside
 * the openers, then a quote, then a word character; P1 without it a quote then a word
 * character; P2 a bracket then a word character; no prefix a word character. The first
 * characters of these cases are disjoint, so at most one applies, and once W+ has one
 * character the match cannot fail: W+ and C? are greedy, so the match takes the longest
 * run of W and a closing mark after it. Otherwise B matches (``.`` is any character but
 * "\n", and a line holds none): one character and the longest run of T. */
SCAN_INLINE Py_ssize_t
first_token_end(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 c0 = PyUnicode_READ(kind, data, start);
    Py_UCS4 c1 = start + 1 < end ? PyUnicode_READ(kind, data, start + 1) : 0;
    Py_ssize_t word = -1; /* where W+ starts, if A matches */
    if (c0 >= 128 && !is_token_opener(c0) && is_token_quote(c1) && start + 2 < end &&
        is_token_word(PyUnicode_READ(kind, data, start + 2))) {
        word = start + 2;
    }
    else if ((is_token_quote(c0) || is_token_bracket(c0)) && start + 1 < end &&
             is_token_word(c1)) {
        word = start + 1;
    }
    else if (is_token_word(c0)) {
        word = start;
    }
    Py_ssize_t i;
    if (word >= 0) {
        i = word;
        while (i < end && is_token_word(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i < end && is_token_closer(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        return i;
    }
    i = start + 1;
    while (i < end && is_token_tail(PyUnicode_READ(kind, data, i))) {
        i++;
    }
    return i;
}

/* The width factors of _width, summed left to right as Python evaluates it. */
static inline double
width_of(Py_ssize_t wide, Py_ssize_t spaces, Py_ssize_t thin, Py_ssize_t broad,
         Py_ssize_t capital, Py_ssize_t other)
{
    if (!(thin + broad + capital + other)) {
        return (double)wide + 0.25 * (double)spaces;
    }
    double width = (double)wide + 0.27 * (double)spaces;
    width = width + 0.3 * (double)thin;
    width = width + 0.85 * (double)broad;
    width = width + 0.66 * (double)capital;
    return width + 0.53 * (double)other;
}

/* A line's or token's glyph counts other than spaces, as _rows and _token_width take them. */
typedef struct {
    Py_ssize_t wide, thin, broad, capital, other;
} Glyphs;

/* Count one character that is not a space: wide (WIDE, or a WIDE_MARKS mark right after a
 * wide character other than U+3000, which WIDE_RUN takes with it), else its LATIN_CLASS
 * glyph class (non-ASCII narrow characters are "other"). ``after_wide`` carries the state
 * from the character before; a caller sets it to 0 after a space. */
SCAN_INLINE void
count_glyph(const Scanner *self, Py_UCS4 ch, unsigned char class, int *after_wide,
            Glyphs *glyphs)
{
    if (class & CHAR_WIDE) {
        glyphs->wide++;
        *after_wide = ch != 0x3000;
        return;
    }
    if (*after_wide && (class & CHAR_MARK)) {
        glyphs->wide++;
        *after_wide = 0;
        return;
    }
    *after_wide = 0;
    if (ch >= 128) {
        glyphs->other++;
        return;
    }
    switch (self->latin_class[ch]) {
    case CLASS_THIN:
        glyphs->thin++;
        break;
    case CLASS_BROAD:
        glyphs->broad++;
        break;
    case CLASS_CAPITAL:
        glyphs->capital++;
        break;
    default:
        glyphs->other++;
    }
}

/* _token_width(text[start:end]): a run of wide characters is one em each (float(len)),
 * else _estimate without collapsing, i.e. _width of the token's counts (its spaces are the
 * " " among its narrow characters; "\t", NBSP and U+3000 are not counted as spaces there,
 * and a first token holds none of them anyway). */
SCAN_INLINE double
token_width(const Scanner *self, int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Glyphs glyphs = {0, 0, 0, 0, 0};
    Py_ssize_t spaces = 0;
    int after_wide = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch == ' ') {
            spaces++;
            after_wide = 0;
            continue;
        }
        count_glyph(self, ch, char_class(ch), &after_wide, &glyphs);
    }
    Py_ssize_t wide = glyphs.wide;
    if (wide == end - start) {
        return (double)wide;
    }
    return width_of(wide, spaces, glyphs.thin, glyphs.broad, glyphs.capital, glyphs.other);
}

/* TERMINAL_END's classes: [。！？!?…；;：:．.], [”’」』）)】》〉"'］], [。！？!?．.] (a remark's stop). */
static inline int
is_end_stop(Py_UCS4 ch)
{
    return ch == 0x3002 || ch == 0xff01 || ch == 0xff1f || ch == '!' || ch == '?' ||
           ch == 0x2026 || ch == 0xff1b || ch == ';' || ch == 0xff1a || ch == ':' ||
           ch == 0xff0e || ch == '.';
}

static inline int
is_end_closer(Py_UCS4 ch)
{
    return ch == 0x201d || ch == 0x2019 || ch == 0x300d || ch == 0x300f || ch == 0xff09 ||
           ch == ')' || ch == 0x3011 || ch == 0x300b || ch == 0x3009 || ch == '"' ||
           ch == '\'' || ch == 0xff3d;
}

static inline int
is_remark_stop(Py_UCS4 ch)
{
    return ch == 0x3002 || ch == 0xff01 || ch == 0xff1f || ch == '!' || ch == '?' ||
           ch == 0xff0e || ch == '.';
}

/* TERMINAL_END.search(text[start:end)) is not None (a non-empty line), as far as decided
 * here: 1 or 0, or ASK_REGEX. Its first alternative, a stop followed only by closing marks
 * to the end, and its second, a closing quote at the end with at most one of "。！？" after
 * it, are decided. The third, a remark in brackets after a sentence end ("…的语法。(参看
 * python(1))"), needs a ")" or "）" at the end and a stop right before a "(" or "（" (one
 * space between allowed): only then is the regex asked. Of the 860 lines of the step's
 * real inputs that ended with a closing mark, 500 end a sentence by the first two
 * alternatives and most others by none, and the search tried every position of each. */
#define ASK_REGEX 2
SCAN_INLINE int
ends_sentence(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 last = PyUnicode_READ(kind, data, end - 1);
    Py_UCS4 before = end - start > 1 ? PyUnicode_READ(kind, data, end - 2) : 0;
    if (last == 0x201d || last == 0x300d || last == 0x300f ||
        ((last == 0x3002 || last == 0xff01 || last == 0xff1f) &&
         (before == 0x201d || before == 0x300d || before == 0x300f))) {
        return 1;
    }
    Py_ssize_t i = end;
    while (i > start && is_end_closer(PyUnicode_READ(kind, data, i - 1))) {
        i--;
    }
    if (i > start && is_end_stop(PyUnicode_READ(kind, data, i - 1))) {
        return 1;
    }
    if (last != ')' && last != 0xff09) {
        return 0;
    }
    for (i = start; i + 1 < end; i++) {
        if (!is_remark_stop(PyUnicode_READ(kind, data, i))) {
            continue;
        }
        Py_UCS4 next = PyUnicode_READ(kind, data, i + 1);
        if (next == ' ' && i + 2 < end) {
            next = PyUnicode_READ(kind, data, i + 2);
        }
        if (next == '(' || next == 0xff08) {
            return ASK_REGEX;
        }
    }
    return 0;
}

/* Whether LIST_START may match the line text[start:end) (non-empty). Of its alternatives only
 * \d{1,3}[)）、] starts with a digit and only [a-zA-Z][.)]\s with an ASCII letter: a line
 * starting with a number or a Latin word ("2023年…", "Debian …", 5,100 of the 5,600 lines
 * of the step's real inputs that called the regex) needs the character after its first
 * digits or letter to be one of those marks. Other first characters leave it to the regex. */
SCAN_INLINE int
may_list(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 first = PyUnicode_READ(kind, data, start);
    if (Py_UNICODE_ISDECIMAL(first)) {
        /* the digits, up to 4: a fourth one leaves \d{1,3} no mark to end on */
        Py_ssize_t digits = 1;
        while (digits < 4 && start + digits < end &&
               Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, start + digits))) {
            digits++;
        }
        if (digits == 4 || start + digits == end) {
            return 0;
        }
        Py_UCS4 mark = PyUnicode_READ(kind, data, start + digits);
        return mark == ')' || mark == 0xff09 || mark == 0x3001;
    }
    if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
        if (start + 1 == end) {
            return 0;
        }
        Py_UCS4 mark = PyUnicode_READ(kind, data, start + 1);
        return mark == '.' || mark == ')';
    }
    return 1;
}

/* ``pattern_method(text)`` is not None, or -1 on error. */
static int
matches(PyObject *pattern_method, PyObject *text)
{
    PyObject *match = PyObject_CallOneArg(pattern_method, text);
    if (match == NULL) {
        return -1;
    }
    int found = match != Py_None;
    Py_DECREF(match);
    return found;
}

/* PyFloat_FromDouble(value), or a shared float of the same value when it is a small whole
 * number (floats are immutable; -0.0 is not one of them). */
static inline PyObject *
new_float(const Scanner *self, double value)
{
    if (value >= 0.0 && value < WHOLE && value == (double)(int)value && !signbit(value)) {
        PyObject *shared = self->whole[(int)value];
        Py_INCREF(shared);
        return shared;
    }
    return PyFloat_FromDouble(value);
}

/* A _Row from its fields (references stolen; NULL fields mean an error occurred). */
static PyObject *
new_row(PyTypeObject *row_type, PyObject **fields)
{
    PyObject *row = NULL;
    for (int i = 0; i < ROW_FIELDS; i++) {
        if (fields[i] == NULL) {
            goto done;
        }
    }
#if PY_VERSION_HEX < 0x030E0000
    /* what tuple.__new__(_Row, fields) does (tuple_subtype_new) without building an
     * argument tuple: allocate the subclass instance and fill its items */
    row = row_type->tp_alloc(row_type, ROW_FIELDS);
    if (row != NULL) {
        for (int i = 0; i < ROW_FIELDS; i++) {
            PyTuple_SET_ITEM(row, i, fields[i]);
            fields[i] = NULL;
        }
    }
#else
    /* tuples cache their hash from 3.14 on: go through tuple.__new__ itself */
    {
        PyObject *values = PyTuple_New(ROW_FIELDS);
        if (values != NULL) {
            for (int i = 0; i < ROW_FIELDS; i++) {
                PyTuple_SET_ITEM(values, i, fields[i]);
                fields[i] = NULL;
            }
            PyObject *args = PyTuple_Pack(1, values);
            Py_DECREF(values);
            if (args != NULL) {
                row = PyTuple_Type.tp_new(row_type, args, NULL);
                Py_DECREF(args);
            }
        }
    }
#endif
    if (row != NULL) {
        /* Its fields are ints, floats, bools and a str: a row can be part of no reference
         * cycle, so the cyclic collector need not walk it (CPython untracks such exact
         * tuples itself, never a subclass). On one document of 34 MB the garbage
         * collector took a sixth of join_hard_wraps, walking the growing list of rows. */
        PyObject_GC_UnTrack(row);
    }
done:
    for (int i = 0; i < ROW_FIELDS; i++) {
        Py_XDECREF(fields[i]);
    }
    return row;
}

/* The row of the line text[start:end) (``position`` = start), appended to ``rows``; or
 * nothing when the line is blank. Returns 1 for a row, 0 for a blank line, -1 on error. */
SCAN_INLINE int
scan_line(Scanner *self, PyObject *text, int kind, const void *data, Py_ssize_t start,
          Py_ssize_t end, Py_ssize_t gap, PyObject *rows)
{
    Py_ssize_t cs = start, ce = end;
    while (cs < ce && charset_has(&self->hspace, PyUnicode_READ(kind, data, cs))) {
        cs++;
    }
    while (ce > cs && charset_has(&self->hspace, PyUnicode_READ(kind, data, ce - 1))) {
        ce--;
    }
    if (cs == ce) {
        return 0;
    }
    /* one pass: the blank test and every count of _rows' whole-document passes, per line */
    int printable = 1;     /* content.isprintable() */
    int visible = 0;       /* a printable character outside PRINTABLE_BLANK */
    int in_run = 0;
    int after_wide = 0; /* the character before was wide (a space run never is) */
    Py_ssize_t spaces = 0, ideographic_spaces = 0;
    Glyphs glyphs = {0, 0, 0, 0, 0};
    for (Py_ssize_t i = cs; i < ce; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        /* after a visible character the line is not blank whatever follows */
        if (!visible) {
            if (!Py_UNICODE_ISPRINTABLE(ch)) {
                printable = 0;
            }
            else if (!charset_has(&self->printable_blank, ch)) {
                visible = 1;
            }
        }
        unsigned char class = char_class(ch);
        if (class & CHAR_SPACE) {
            /* SPACE_RUN_CHANGED.sub(" ", …): a run is one space; U+3000 is WIDE, but it
             * is always in a run, so the collapsed line has no wide one */
            ideographic_spaces += ch == 0x3000;
            spaces += !in_run;
            in_run = 1;
            after_wide = 0;
            continue;
        }
        in_run = 0;
        count_glyph(self, ch, class, &after_wide, &glyphs);
    }
    Py_ssize_t wide = glyphs.wide;
    PyObject *content = PyUnicode_Substring(text, cs, ce);
    if (content == NULL) {
        return -1;
    }
    if (!visible) {
        /* every character is in PRINTABLE_BLANK or unprintable. A printable line is then
         * blank; an unprintable one is as BLANK_LINE says (tests/test_paragraphs.py pins
         * that PRINTABLE_BLANK is the printable part of BLANK_LINE, so a visible
         * character above already meant "not blank" for both branches of _rows' test) */
        int blank = printable ? 1 : matches(self->blank_fullmatch, content);
        if (blank != 0) {
            Py_DECREF(content);
            return blank < 0 ? -1 : 0;
        }
    }

    PyObject *fields[ROW_FIELDS] = {NULL};
    Py_ssize_t lead = cs - start;
    double indent = 0.0;
    if (lead) {
        /* _indent: the same int sum, then one float multiply and add */
        Py_ssize_t ideographic = 0, tabs = 0;
        for (Py_ssize_t i = start; i < cs; i++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            ideographic += ch == 0x3000;
            tabs += ch == '\t';
        }
        indent = (double)(ideographic + tabs * 2) +
                 (double)(lead - ideographic - tabs) * self->space_em;
    }
    double width = width_of(wide, spaces, glyphs.thin, glyphs.broad, glyphs.capital, glyphs.other);
    /* the first token's width, as _token_width measures it */
    PyObject *token =
        new_float(self, token_width(self, kind, data, cs, first_token_end(kind, data, cs, ce)));
    if (token == NULL) {
        goto error;
    }
    /* _line_flags: the patterns only when the first/last character allows a match */
    Py_UCS4 last = PyUnicode_READ(kind, data, ce - 1);
    Py_UCS4 first_char = PyUnicode_READ(kind, data, cs);
    int digit = Py_UNICODE_ISDECIMAL(first_char);
    int terminal = charset_has(&self->terminators, last);
    if (!terminal && charset_has(&self->terminal_last, last)) {
        terminal = ends_sentence(kind, data, cs, ce);
        if (terminal == ASK_REGEX) {
            terminal = matches(self->terminal_search, content);
        }
    }
    int heading = 0;
    if (terminal >= 0 && (digit || charset_has(&self->heading_first, first_char))) {
        heading = matches(self->heading_match, content);
    }
    int listed = 0;
    if (terminal >= 0 && heading >= 0 && (digit || charset_has(&self->list_first, first_char)) &&
        may_list(kind, data, cs, ce)) {
        listed = matches(self->list_match, content);
    }
    if (terminal < 0 || heading < 0 || listed < 0) {
        Py_DECREF(token);
        goto error;
    }

    fields[0] = PyLong_FromSsize_t(start);
    /* an unindented line starts where its content does: one int for both */
    fields[1] = cs == start ? Py_XNewRef(fields[0]) : PyLong_FromSsize_t(cs);
    fields[2] = PyLong_FromSsize_t(ce);
    fields[3] = content;
    content = NULL;
    fields[4] = new_float(self, indent);
    fields[5] = PyBool_FromLong(charset_has(&self->hspace, PyUnicode_READ(kind, data, end - 1)));
    fields[6] = PyFloat_FromDouble(width);
    fields[7] = PyLong_FromSsize_t(gap);
    fields[8] = PyLong_FromSsize_t((ce - cs) - wide - ideographic_spaces);
    fields[9] = PyBool_FromLong(terminal);
    fields[10] = PyBool_FromLong(heading);
    fields[11] = PyBool_FromLong(listed);
    fields[12] = token;
    fields[13] = PyLong_FromSsize_t(wide);
    fields[14] = PyLong_FromSsize_t(spaces);
    fields[15] = PyLong_FromSsize_t(glyphs.thin);
    fields[16] = PyLong_FromSsize_t(glyphs.broad);
    fields[17] = PyLong_FromSsize_t(glyphs.capital);
    fields[18] = PyLong_FromSsize_t(glyphs.other);
    PyObject *row = new_row(self->row_type, fields);
    if (row == NULL) {
        return -1;
    }
    int appended = PyList_Append(rows, row);
    Py_DECREF(row);
    return appended < 0 ? -1 : 1;

error:
    Py_XDECREF(content);
    return -1;
}

/* Append the row of every non-blank line of ``text`` to ``rows``; 0, or -1 on error. */
SCAN_INLINE int
scan_text(Scanner *self, PyObject *text, int kind, PyObject *rows)
{
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t start = 0, gap = 0;
    while (start < n) {
        Py_ssize_t end = start;
        while (end < n && !(char_class(PyUnicode_READ(kind, data, end)) & CHAR_END)) {
            end++;
        }
        int found = scan_line(self, text, kind, data, start, end, gap, rows);
        if (found < 0) {
            return -1;
        }
        gap = found ? 0 : gap + 1;
        if (end == n) {
            break;
        }
        /* "\r\n" is one line end (LINE_END, str.splitlines) */
        start = end + 1;
        if (PyUnicode_READ(kind, data, end) == '\r' && start < n &&
            PyUnicode_READ(kind, data, start) == '\n') {
            start++;
        }
    }
    return 0;
}

/* The one argument of a method that reads a text: a ready str (borrowed), or NULL with
   the error set. */
static PyObject *
text_argument(const char *method, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError, "%s() takes one argument, the text", method);
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "text must be str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    return text;
}

PyDoc_STRVAR(scanner_rows_doc,
             "rows(text, /)\n--\n\n"
             "zhclean.paragraphs._rows(text): the _Row of every non-blank line.");

static PyObject *
scanner_rows(Scanner *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *text = text_argument("rows", args, nargs);
    if (text == NULL) {
        return NULL;
    }
    if (self->row_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Scanner is not initialized");
        return NULL;
    }
    PyObject *rows = PyList_New(0);
    if (rows == NULL) {
        return NULL;
    }
    int scanned;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        scanned = scan_text(self, text, PyUnicode_1BYTE_KIND, rows);
        break;
    case PyUnicode_2BYTE_KIND:
        scanned = scan_text(self, text, PyUnicode_2BYTE_KIND, rows);
        break;
    default:
        scanned = scan_text(self, text, PyUnicode_4BYTE_KIND, rows);
    }
    if (scanned < 0) {
        Py_DECREF(rows);
        return NULL;
    }
    return rows;
}

/* ``re``'s \w: a letter or digit of any script, or "_" (ASCII without the four lookups
 * of Py_UNICODE_ISALNUM: most words end at a space or ASCII punctuation). */
static inline int
is_word_char(Py_UCS4 ch)
{
    if (ch < 128) {
        return (Py_UCS4)((ch | 0x20) - 'a') < 26 || (Py_UCS4)(ch - '0') < 10 || ch == '_';
    }
    return Py_UNICODE_ISALNUM(ch);
}

static inline int
is_ascii_letter(Py_UCS4 ch)
{
    /* | 0x20 folds capitals onto small letters and maps nothing else into a-z */
    return (Py_UCS4)((ch | 0x20) - 'a') < 26;
}

/* Words remembered by scan_words (a power of two). */
#define WORD_CACHE 2048

/* Whether ``word`` (an ASCII str, or NULL) is text[start:end). */
SCAN_INLINE int
same_word(PyObject *word, int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    if (word == NULL || PyUnicode_GET_LENGTH(word) != end - start ||
        PyUnicode_KIND(word) != PyUnicode_1BYTE_KIND) {
        return 0;
    }
    const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(word);
    for (Py_ssize_t k = 0; k < end - start; k++) {
        if (PyUnicode_READ(kind, data, start + k) != chars[k]) {
            return 0;
        }
    }
    return 1;
}

/* _vocabulary: what WORD_CHAIN.findall collects, in one pass that looks at ASCII letters
 * only. A word is a \w run of ASCII letters only: a letter run with no \w character on
 * either side (the lookbehind and (?!\w) of WORD_CHAIN; a run that a \w character
 * continues, "l10n" or "使用debian", gives none, nor does a chain part the pattern's
 * backtracking drops). A pair is two words with one "-" between them. The regex tests
 * each character against [A-Za-z] in C, but through its generic matcher: 10 ms of a
 * 2.1 MB block, where the documents one by one build the vocabulary only for the few
 * whose hyphenated line ends read it (1.3 ms). Adds to the frozensets; 0 or -1.
 *
 * The same words recur (a 1M-character block of the corpus: 38,000 words, 1,300 distinct),
 * and building a str for each to add it again was most of the scan: the last word of each
 * hash slot is kept (``cache``, strong references) and a word equal to it is skipped. */
SCAN_INLINE int
scan_words(PyObject *text, int kind, PyObject *words, PyObject *pairs, PyObject **cache)
{
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t before = -1, before_end = -1; /* the last word, text[before:before_end) */
    Py_ssize_t i = 0;
    while (i < n) {
        if (!is_ascii_letter(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        size_t hash = 0;
        do {
            hash = hash * 31 + PyUnicode_READ(kind, data, i);
            i++;
        } while (i < n && is_ascii_letter(PyUnicode_READ(kind, data, i)));
        /* the character before is no ASCII letter (the run would have started there) */
        if ((start > 0 && is_word_char(PyUnicode_READ(kind, data, start - 1))) ||
            (i < n && is_word_char(PyUnicode_READ(kind, data, i)))) {
            continue;
        }
        PyObject **slot = &cache[(hash ^ (size_t)(i - start)) & (WORD_CACHE - 1)];
        if (!same_word(*slot, kind, data, start, i)) {
            PyObject *word = PyUnicode_Substring(text, start, i);
            if (word == NULL) {
                return -1;
            }
            Py_XSETREF(*slot, word);
            if (PySet_Add(words, word) < 0) {
                return -1;
            }
        }
        if (before_end == start - 1 && PyUnicode_READ(kind, data, before_end) == '-') {
            PyObject *pair = PyUnicode_Substring(text, before, i);
            if (pair == NULL || PySet_Add(pairs, pair) < 0) {
                Py_XDECREF(pair);
                return -1;
            }
            Py_DECREF(pair);
        }
        before = start;
        before_end = i;
    }
    return 0;
}

PyDoc_STRVAR(scanner_vocabulary_doc,
             "vocabulary(text, /)\n--\n\n"
             "zhclean.paragraphs._vocabulary(text): (words, hyphenated pairs), frozensets.");

static PyObject *
scanner_vocabulary(Scanner *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *text = text_argument("vocabulary", args, nargs);
    if (text == NULL) {
        return NULL;
    }
    /* new frozensets may be filled with PySet_Add before anyone else sees them */
    PyObject *words = PyFrozenSet_New(NULL);
    PyObject *pairs = PyFrozenSet_New(NULL);
    if (words == NULL || pairs == NULL) {
        goto error;
    }
    PyObject *cache[WORD_CACHE] = {NULL};
    int scanned;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        scanned = scan_words(text, PyUnicode_1BYTE_KIND, words, pairs, cache);
        break;
    case PyUnicode_2BYTE_KIND:
        scanned = scan_words(text, PyUnicode_2BYTE_KIND, words, pairs, cache);
        break;
    default:
        scanned = scan_words(text, PyUnicode_4BYTE_KIND, words, pairs, cache);
    }
    for (int k = 0; k < WORD_CACHE; k++) {
        Py_XDECREF(cache[k]);
    }
    if (scanned < 0) {
        goto error;
    }
    PyObject *result = PyTuple_Pack(2, words, pairs);
    Py_DECREF(words);
    Py_DECREF(pairs);
    return result;

error:
    Py_XDECREF(words);
    Py_XDECREF(pairs);
    return NULL;
}

static int
check_source(PyObject *pattern, const char *expected, const char *name)
{
    PyObject *source = PyObject_GetAttrString(pattern, "pattern");
    if (source == NULL) {
        return -1;
    }
    const char *utf8 = PyUnicode_Check(source) ? PyUnicode_AsUTF8(source) : NULL;
    int same = utf8 != NULL && strcmp(utf8, expected) == 0;
    Py_DECREF(source);
    if (PyErr_Occurred()) {
        return -1;
    }
    if (!same) {
        PyErr_Format(PyExc_ValueError,
                     "%s differs from the pattern zhclean/_rowscan.c implements: update both",
                     name);
        return -1;
    }
    return 0;
}

static PyObject *
get_method(PyObject *pattern, const char *name)
{
    return PyObject_GetAttrString(pattern, name);
}

/* The Scanner holds Python objects (a type, bound methods) that may be part of a cycle. */
static int
scanner_traverse(Scanner *self, visitproc visit, void *arg)
{
    Py_VISIT(self->row_type);
    Py_VISIT(self->blank_fullmatch);
    Py_VISIT(self->heading_match);
    Py_VISIT(self->list_match);
    Py_VISIT(self->terminal_search);
    return 0;
}

static int
scanner_clear(Scanner *self)
{
    Py_CLEAR(self->row_type);
    Py_CLEAR(self->blank_fullmatch);
    Py_CLEAR(self->heading_match);
    Py_CLEAR(self->list_match);
    Py_CLEAR(self->terminal_search);
    for (int i = 0; i < WHOLE; i++) {
        Py_CLEAR(self->whole[i]);
    }
    return 0;
}

static void
scanner_dealloc(Scanner *self)
{
    PyObject_GC_UnTrack(self);
    scanner_clear(self);
    CharSet *sets[] = {&self->hspace,        &self->printable_blank, &self->terminators,
                       &self->terminal_last, &self->heading_first,   &self->list_first};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        PyMem_Free(sets[i]->wide);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
scanner_init(Scanner *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"row",           "space_em",        "line_end",    "wide",
                               "space_run",     "first_token",     "blank_line",  "heading",
                               "list_start",    "terminal_end",    "hspace",      "printable_blank",
                               "terminators",   "terminal_last",   "heading_first", "list_first",
                               "latin_class",   "word_chain",      NULL};
    PyObject *row, *line_end, *wide, *space_run, *first_token, *blank_line;
    PyObject *heading, *list_start, *terminal_end, *hspace, *printable_blank, *terminators;
    PyObject *terminal_last, *heading_first, *list_first, *latin_class, *word_chain;
    double space_em;
    if (self->row_type != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Scanner is already initialized");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(
            args, kwargs, "Od" "OOOOOOOOOOOOOOOO" ":Scanner", keywords, &row,
            &space_em, &line_end, &wide, &space_run, &first_token, &blank_line, &heading,
            &list_start, &terminal_end, &hspace, &printable_blank, &terminators, &terminal_last,
            &heading_first, &list_first, &latin_class, &word_chain)) {
        return -1;
    }
    if (!PyType_Check(row) || !PyType_IsSubtype((PyTypeObject *)row, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "row must be a tuple subclass");
        return -1;
    }
    PyObject *fields = PyObject_GetAttrString(row, "_fields");
    if (fields == NULL) {
        return -1;
    }
    Py_ssize_t n_fields = PyObject_Length(fields);
    Py_DECREF(fields);
    if (n_fields != ROW_FIELDS) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_ValueError, "row has %zd fields, zhclean/_rowscan.c builds %d",
                         n_fields, ROW_FIELDS);
        }
        return -1;
    }
    if (check_source(line_end, LINE_END_SOURCE, "LINE_END") < 0 ||
        check_source(wide, WIDE_RUN_SOURCE, "WIDE_RUN") < 0 ||
        check_source(space_run, SPACE_RUN_CHANGED_SOURCE, "SPACE_RUN_CHANGED") < 0 ||
        check_source(first_token, FIRST_TOKEN_SOURCE, "FIRST_TOKEN") < 0 ||
        check_source(list_start, LIST_START_SOURCE, "LIST_START") < 0 ||
        check_source(terminal_end, TERMINAL_END_SOURCE, "TERMINAL_END") < 0 ||
        check_source(word_chain, WORD_CHAIN_SOURCE, "WORD_CHAIN") < 0) {
        return -1;
    }
    if (!PyDict_Check(latin_class)) {
        PyErr_SetString(PyExc_TypeError, "latin_class must be a dict");
        return -1;
    }
    for (int code = 0; code < 128; code++) {
        PyObject *key = PyLong_FromLong(code);
        if (key == NULL) {
            return -1;
        }
        PyObject *value = PyDict_GetItemWithError(latin_class, key);
        Py_DECREF(key);
        if (value == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_ValueError, "latin_class has no class for %d", code);
            }
            return -1;
        }
        const char *name = PyUnicode_Check(value) ? PyUnicode_AsUTF8(value) : NULL;
        if (name == NULL || strlen(name) != 1 || strchr("tbco", name[0]) == NULL) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "latin_class[%d] is not one of t, b, c, o", code);
            return -1;
        }
        self->latin_class[code] = name[0] == 't'   ? CLASS_THIN
                                  : name[0] == 'b' ? CLASS_BROAD
                                  : name[0] == 'c' ? CLASS_CAPITAL
                                                   : CLASS_OTHER;
    }
    if (charset_init(&self->hspace, hspace, "hspace") < 0 ||
        charset_init(&self->printable_blank, printable_blank, "printable_blank") < 0 ||
        charset_init(&self->terminators, terminators, "terminators") < 0 ||
        charset_init(&self->terminal_last, terminal_last, "terminal_last") < 0 ||
        charset_init(&self->heading_first, heading_first, "heading_first") < 0 ||
        charset_init(&self->list_first, list_first, "list_first") < 0) {
        return -1;
    }
    self->blank_fullmatch = get_method(blank_line, "fullmatch");
    self->heading_match = get_method(heading, "match");
    self->list_match = get_method(list_start, "match");
    self->terminal_search = get_method(terminal_end, "search");
    if (self->blank_fullmatch == NULL || self->heading_match == NULL ||
        self->list_match == NULL || self->terminal_search == NULL) {
        return -1;
    }
    self->space_em = space_em;
    for (int i = 0; i < WHOLE; i++) {
        if (self->whole[i] == NULL && (self->whole[i] = PyFloat_FromDouble((double)i)) == NULL) {
            return -1;
        }
    }
    Py_INCREF(row);
    self->row_type = (PyTypeObject *)row;
    return 0;
}

static PyObject *
scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    /* zeroed: dealloc and the "already initialized" test read NULL fields */
    return type->tp_alloc(type, 0);
}

/* Scanner.joined: _joined_text, the output of join_hard_wraps assembled from the rows.
 *
 * The Python code slices the text between edits and joins the slices: every kept run is
 * copied twice and is one str object (13,000 breaks rewritten on the 2.1 MB corpus). Here
 * one walk of the rows lists the runs (and sums the length and finds the widest character
 * kind), then they are copied once into the result. On one document of 34 MB the walk is
 * most of the cost: the rows are far out of the caches, so they are walked once only. */

typedef struct {
    PyObject *from; /* the text or a replacement (borrowed: the caller holds them) */
    Py_ssize_t start, end;
} Run;

typedef struct {
    Run *runs;
    Py_ssize_t count, capacity;
    Py_ssize_t length; /* characters of the result */
    Py_UCS4 maxchar;   /* enough to choose the result's kind */
} Splice;

/* The smallest character of the kind (ASCII, Latin-1, UCS-2, UCS-4) that holds ``bound``. */
static inline Py_UCS4
kind_floor(Py_UCS4 bound)
{
    return bound < 0x80 ? 0 : bound < 0x100 ? 0x80 : bound < 0x10000 ? 0x100 : 0x10000;
}

/* Add ``from[start:end)`` (nothing when empty, as a Python slice). */
static int
splice_add(Splice *s, PyObject *from, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t n = end - start;
    if (n <= 0) {
        return 0;
    }
    if (s->count == s->capacity) {
        Py_ssize_t capacity = s->capacity ? 2 * s->capacity : 256;
        Run *runs = PyMem_Realloc(s->runs, (size_t)capacity * sizeof(Run));
        if (runs == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        s->runs = runs;
        s->capacity = capacity;
    }
    s->runs[s->count++] = (Run){from, start, end};
    s->length += n;
    /* only the kind matters: stop as soon as the run can widen the result no further
     * (Chinese text: at its first Han character) */
    Py_UCS4 bound = PyUnicode_MAX_CHAR_VALUE(from);
    if (s->maxchar >= kind_floor(bound)) {
        return 0;
    }
    int kind = PyUnicode_KIND(from);
    const void *data = PyUnicode_DATA(from);
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch > s->maxchar) {
            s->maxchar = ch;
            if (ch >= kind_floor(bound)) {
                break;
            }
        }
    }
    return 0;
}

/* ``row.content_start`` (field 1) or ``row.content_end`` (field 2) of ``rows[k]``, checked to
 * lie in the text; -1 with the error set. */
static Py_ssize_t
row_position(PyObject *rows, Py_ssize_t k, Py_ssize_t field, Py_ssize_t size)
{
    PyObject *row = PyList_GET_ITEM(rows, k);
    if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) <= field) {
        PyErr_SetString(PyExc_TypeError, "rows must hold _Row tuples");
        return -1;
    }
    Py_ssize_t position = PyLong_AsSsize_t(PyTuple_GET_ITEM(row, field));
    if (position == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (position < 0 || position > size) {
        PyErr_SetString(PyExc_ValueError, "a row lies outside the text");
        return -1;
    }
    return position;
}

/* The walk of _joined_text's breaks, adding its pieces to ``s``: the number of breaks
 * rewritten, or -1 on error. With none, nothing is added and ``*rest`` is where the
 * result starts in the text. */
static Py_ssize_t
splice_walk(Splice *s, PyObject *text, PyObject *rows, PyObject *joins, PyObject *joiners,
            PyObject *separator, PyObject *newline, Py_ssize_t *rest)
{
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t count = PyList_GET_SIZE(rows);
    Py_ssize_t separator_length = PyUnicode_GET_LENGTH(separator);
    Py_ssize_t pieces = 0;
    Py_ssize_t used = 0; /* joiners read */
    /* the first edit of _edits drops what precedes the first row */
    Py_ssize_t position = 0;
    if (count > 1 && (position = row_position(rows, 0, 1, size)) < 0) {
        return -1;
    }
    Py_ssize_t a_end = row_position(rows, 0, 2, size);
    if (a_end < 0) {
        return -1;
    }
    if (PyList_GET_SIZE(joins) < count - 1) {
        PyErr_SetString(PyExc_IndexError, "joins is shorter than the breaks");
        return -1;
    }
    for (Py_ssize_t k = 1; k < count; k++) {
        Py_ssize_t b_start = row_position(rows, k, 1, size);
        Py_ssize_t b_end = row_position(rows, k, 2, size);
        if (b_start < 0 || b_end < 0) {
            return -1;
        }
        int join = PyObject_IsTrue(PyList_GET_ITEM(joins, k - 1));
        if (join < 0) {
            return -1;
        }
        if (join) {
            if (used >= PyList_GET_SIZE(joiners)) {
                PyErr_SetString(PyExc_IndexError, "fewer joiners than joins");
                return -1;
            }
            PyObject *joiner = PyList_GET_ITEM(joiners, used++);
            if (!PyTuple_Check(joiner) || PyTuple_GET_SIZE(joiner) != 2 ||
                !PyUnicode_Check(PyTuple_GET_ITEM(joiner, 0))) {
                PyErr_SetString(PyExc_TypeError, "a joiner must be (str, int)");
                return -1;
            }
            Py_ssize_t back = PyLong_AsSsize_t(PyTuple_GET_ITEM(joiner, 1));
            if (back == -1 && PyErr_Occurred()) {
                return -1;
            }
            PyObject *replacement = PyTuple_GET_ITEM(joiner, 0);
            if (splice_add(s, text, position, a_end - back) < 0 ||
                splice_add(s, replacement, 0, PyUnicode_GET_LENGTH(replacement)) < 0) {
                return -1;
            }
            position = b_start;
            pieces++;
        }
        else {
            /* text[a_end:b_start] != separator, without the slice */
            int same = 0;
            if (b_start - a_end == separator_length) {
                same = (int)PyUnicode_Tailmatch(text, separator, a_end, b_start, -1);
                if (same < 0) {
                    return -1;
                }
            }
            if (!same) {
                if (splice_add(s, text, position, a_end) < 0 ||
                    splice_add(s, separator, 0, separator_length) < 0) {
                    return -1;
                }
                position = b_start;
                pieces++;
            }
        }
        a_end = b_end;
    }
    /* a last line end other than one "\n" is rewritten to "\n" */
    Py_ssize_t tail = size - a_end;
    int rewrite = 0;
    if (tail > 0) {
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        for (Py_ssize_t i = a_end; i < size && !rewrite; i++) {
            rewrite = is_line_end(PyUnicode_READ(kind, data, i));
        }
        if (rewrite && tail == 1 && PyUnicode_READ(kind, data, a_end) == '\n') {
            rewrite = 0;
        }
    }
    if (rewrite) {
        if (splice_add(s, text, position, a_end) < 0 || splice_add(s, newline, 0, 1) < 0) {
            return -1;
        }
        position = size;
        pieces++;
    }
    *rest = position;
    if (pieces && splice_add(s, text, position, size) < 0) {
        return -1;
    }
    return pieces;
}

PyDoc_STRVAR(scanner_joined_doc,
             "joined(text, rows, joins, joiners, separator, /)\n--\n\n"
             "zhclean.paragraphs._joined_text(text, rows, joins, joiners, separator).");

static PyObject *
scanner_joined(Scanner *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError,
                        "joined() takes five arguments: text, rows, joins, joiners, separator");
        return NULL;
    }
    PyObject *text = text_argument("joined", args, 1);
    if (text == NULL) {
        return NULL;
    }
    PyObject *rows = args[1], *joins = args[2], *joiners = args[3], *separator = args[4];
    if (!PyList_Check(rows) || !PyList_Check(joins) || !PyList_Check(joiners) ||
        !PyUnicode_Check(separator)) {
        PyErr_SetString(PyExc_TypeError, "rows, joins and joiners must be lists, separator str");
        return NULL;
    }
    if (PyList_GET_SIZE(rows) == 0) {
        PyErr_SetString(PyExc_IndexError, "no rows");
        return NULL;
    }
    PyObject *newline = PyUnicode_FromOrdinal('\n');
    if (newline == NULL) {
        return NULL;
    }
    Splice s = {NULL, 0, 0, 0, 0};
    PyObject *result = NULL;
    Py_ssize_t rest = 0;
    Py_ssize_t pieces = splice_walk(&s, text, rows, joins, joiners, separator, newline, &rest);
    if (pieces == 0) {
        result = PyUnicode_Substring(text, rest, PyUnicode_GET_LENGTH(text));
    }
    else if (pieces > 0) {
        result = PyUnicode_New(s.length, s.maxchar);
        Py_ssize_t at = 0;
        for (Py_ssize_t i = 0; result != NULL && i < s.count; i++) {
            Run run = s.runs[i];
            if (PyUnicode_CopyCharacters(result, at, run.from, run.start, run.end - run.start) <
                0) {
                Py_CLEAR(result);
            }
            at += run.end - run.start;
        }
    }
    PyMem_Free(s.runs);
    Py_DECREF(newline);
    return result;
}

/* Scanner.typical_width: _typical_width of rows whose reach is their width plus indent (or
 * their width alone), without its lists of floats.
 *
 * The Python code builds the reach of every row as a list of floats and selects in it, and
 * then walks the rows four more times (the wraps, the two pools of _median_reach, the
 * lines near the margin): on one document of 34 MB (341,552 rows) that was 51 ms against
 * 1.6 ms on 2.1 MB, its fresh floats and lists far out of the caches. Here the row fields
 * are read once into arrays of doubles and flags, and every step runs on those: the same
 * comparisons on the same doubles (_nth_smallest's value is the n-th order statistic
 * however it is selected). */

/* The fields of a row _typical_width reads. */
typedef struct {
    double reach;
    Py_ssize_t narrow;
    char stops; /* terminal or heading: a break after it certainly does not wrap */
    char heading;
} Reach;

/* _bucket: a monotone map of a value to 1-em buckets 0..1024. */
static inline int
reach_bucket(double value)
{
    if (!(value >= 1.0)) {
        return 0;
    }
    return value >= 1024.0 ? 1024 : (int)value;
}

static int
compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* sorted(values)[n] (0 <= n < count), by the buckets of _nth_smallest: the values of the
 * bucket holding the n-th are sorted, no others. ``values`` is reordered. */
static double
nth_smallest(double *values, Py_ssize_t count, Py_ssize_t n)
{
    Py_ssize_t counts[1025] = {0};
    for (Py_ssize_t i = 0; i < count; i++) {
        counts[reach_bucket(values[i])]++;
    }
    int bucket = 0;
    Py_ssize_t below = 0;
    while (below + counts[bucket] <= n) {
        below += counts[bucket];
        bucket++;
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (reach_bucket(values[i]) == bucket) {
            values[kept++] = values[i];
        }
    }
    qsort(values, (size_t)kept, sizeof(double), compare_double);
    return values[n - below];
}

/* _median_reach over the rows whose index ``in_pool`` accepts, or -1.0 for None (a reach
 * is never negative). ``scratch`` holds ``count`` doubles. */
static double
median_reach(const Reach *rows, Py_ssize_t count, const char *pool_flags, Py_ssize_t enough,
             double *scratch)
{
    Py_ssize_t pool = 0, exact = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        if (pool_flags[k]) {
            pool++;
            exact += rows[k].narrow <= 2;
        }
    }
    double least = 0.25 * (double)pool;
    int only_exact = (double)exact >= (least > 3.0 ? least : 3.0);
    Py_ssize_t measured = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        if (pool_flags[k] && (!only_exact || rows[k].narrow <= 2)) {
            scratch[measured++] = rows[k].reach;
        }
    }
    if (measured < enough) {
        return -1.0;
    }
    return nth_smallest(scratch, measured, measured / 2);
}

/* The double value of a float field of a row (-1.0 with the error set when not a float). */
static inline double
row_double(PyObject *row, Py_ssize_t field)
{
    PyObject *value = PyTuple_GET_ITEM(row, field);
    if (PyFloat_CheckExact(value)) {
        return PyFloat_AS_DOUBLE(value);
    }
    return PyFloat_AsDouble(value);
}

/* _typical_width on the fields read into ``rows``: the margin, or -1.0 for None. */
static double
typical_width(Reach *rows, Py_ssize_t n, double *scratch, char *flags)
{
    if (n < 4) {
        return -1.0;
    }
    /* not the maximum: an extractor sometimes runs two lines into one (maint-dreq-1) */
    Py_ssize_t rank = n / 20 > 2 ? n / 20 : 2;
    for (Py_ssize_t k = 0; k < n; k++) {
        scratch[k] = rows[k].reach;
    }
    double longest = nth_smallest(scratch, n, n - (n < rank ? n : rank));
    if (longest < 8) {
        return -1.0;
    }
    double reaches = 0.6 * longest;
    /* flags[k]: the break after row k certainly wraps (k < n - 1) */
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        flags[k] = rows[k].reach >= reaches && !rows[k].stops && !rows[k + 1].heading;
    }
    flags[n - 1] = 0;
    /* inner lines: the break before and after wraps; pools of row indices as flags */
    char *inner = flags + n;
    inner[0] = 0;
    for (Py_ssize_t k = 1; k < n; k++) {
        inner[k] = k < n - 1 && flags[k - 1] && flags[k];
    }
    double width = median_reach(rows, n, inner, 5, scratch);
    if (width < 0) {
        width = median_reach(rows, n, flags, 2, scratch);
        if (width < 0) {
            return -1.0;
        }
    }
    Py_ssize_t near = 0, over = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        double extent = rows[k].reach;
        double slack = 0.06 * (double)rows[k].narrow;
        slack = slack < 2.0 ? slack : 2.0;
        near += fabs(extent - width) <= 1.5 + slack;
        over += extent > width + 3 + 2 * slack;
    }
    double least = 0.12 * (double)n;
    double few = n <= 6 ? 2.0 : 3.0;
    if ((double)near < (few > least ? few : least) || (double)over > 0.1 * (double)n) {
        return -1.0;
    }
    return width;
}

PyDoc_STRVAR(scanner_typical_width_doc,
             "typical_width(rows, indented, /)\n--\n\n"
             "zhclean.paragraphs._typical_width(rows, reach) with each reach the row's width\n"
             "plus its indent (indented) or its width alone.");

static PyObject *
scanner_typical_width(Scanner *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "typical_width() takes a list of rows and a bool");
        return NULL;
    }
    PyObject *list = args[0];
    int indented = PyObject_IsTrue(args[1]);
    if (indented < 0) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(list);
    if (n < 4) {
        Py_RETURN_NONE;
    }
    Reach *rows = PyMem_New(Reach, n);
    double *scratch = PyMem_New(double, n);
    char *flags = PyMem_New(char, 2 * n);
    PyObject *result = NULL;
    if (rows == NULL || scratch == NULL || flags == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *row = PyList_GET_ITEM(list, k);
        if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) < ROW_FIELDS) {
            PyErr_SetString(PyExc_TypeError, "rows must hold _Row tuples");
            goto done;
        }
        double width = row_double(row, 6);
        double indent = indented ? row_double(row, 4) : 0.0;
        Py_ssize_t narrow = PyLong_AsSsize_t(PyTuple_GET_ITEM(row, 8));
        int terminal = PyObject_IsTrue(PyTuple_GET_ITEM(row, 9));
        int heading = PyObject_IsTrue(PyTuple_GET_ITEM(row, 10));
        if (PyErr_Occurred() || terminal < 0 || heading < 0) {
            goto done;
        }
        /* the reach is width + indent as Python adds them; width alone without indents */
        rows[k].reach = indented ? width + indent : width;
        rows[k].narrow = narrow;
        rows[k].stops = (char)(terminal || heading);
        rows[k].heading = (char)heading;
    }
    double width = typical_width(rows, n, scratch, flags);
    result = width < 0 ? Py_NewRef(Py_None) : PyFloat_FromDouble(width);
done:
    PyMem_Free(rows);
    PyMem_Free(scratch);
    PyMem_Free(flags);
    return result;
}

/* Scanner.no_output_margin: _surely_no_margin of the output lines the rows make when the
 * breaks ``joins`` marks are joined, without the list of their last rows.
 *
 * The Python code sums the rows' measures per output line into bounds, lists them as
 * floats and counts or sorts them (_may_have_margin, then the sorted test): on the corpus
 * one by one a sixth of the step, and on one document of 34 MB 53 ms against 2.2 ms on
 * 2.1 MB (ratio 24). Here the bounds are the same doubles in one array, summed in the same
 * order (a line's width is the difference of two running sums from the first row on). */

typedef struct {
    double low, high, slack;
} Bounds;

/* bisect.bisect_right (``right``) or bisect_left of ``x`` in the sorted ``values``. */
static Py_ssize_t
bisect_double(const double *values, Py_ssize_t count, double x, int right)
{
    Py_ssize_t lo = 0, hi = count;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        /* right: the first value above x; left: the first value not below it */
        if (right ? x < values[mid] : !(values[mid] < x)) {
            hi = mid;
        }
        else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* _may_have_margin on the bounds: 0 only when the sorted test surely finds no margin. */
static int
bounds_may_have_margin(const Bounds *lines, Py_ssize_t count, Py_ssize_t rank, double need)
{
    enum { SIZE = 1025 };
    Py_ssize_t starts[SIZE] = {0}, ends[SIZE] = {0}, overs[SIZE] = {0}, tops[SIZE] = {0};
    Py_ssize_t reaching = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        Bounds b = lines[i];
        reaching += b.high >= 8;
        tops[reach_bucket(b.low)]++;
        starts[reach_bucket(b.low - 1.5 - b.slack)]++;
        ends[reach_bucket(b.high + 1.5 + b.slack)]++;
        overs[reach_bucket(b.low - 3 - 2 * b.slack)]++;
    }
    if (reaching < rank) {
        return 0;
    }
    int bucket = SIZE - 1;
    Py_ssize_t above = tops[bucket];
    while (above < rank && bucket > 0) {
        bucket--;
        above += tops[bucket];
    }
    double floor = bucket > 0 ? 0.6 * bucket : -HUGE_VAL;
    Py_ssize_t started = 0, ended = 0, over = count;
    for (int b = 0; b < SIZE; b++) {
        started += starts[b];
        starts[b] = started;
        Py_ssize_t ending = ends[b];
        ends[b] = ended;
        ended += ending;
        over -= overs[b];
        overs[b] = over;
    }
    double limit = 0.1 * (double)count;
    for (Py_ssize_t i = 0; i < count; i++) {
        double high = lines[i].high;
        if (high < floor) {
            continue;
        }
        int at = reach_bucket(high);
        if ((double)(starts[at] - ends[reach_bucket(lines[i].low)]) >= need &&
            (double)overs[at] <= limit) {
            return 1;
        }
    }
    return 0;
}

/* The sorted test of _surely_no_margin: 1 when no line can be a margin. ``scratch`` holds
 * 4 * ``count`` doubles. */
static int
bounds_no_margin(const Bounds *lines, Py_ssize_t count, Py_ssize_t rank, double need,
                 double *scratch)
{
    double *near_from = scratch, *near_to = scratch + count, *beyond = scratch + 2 * count;
    double *values = scratch + 3 * count;
    for (Py_ssize_t i = 0; i < count; i++) {
        values[i] = lines[i].high;
    }
    if (nth_smallest(values, count, count - rank) < 8) {
        return 1;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        values[i] = lines[i].low;
    }
    double floor = 0.6 * nth_smallest(values, count, count - rank);
    for (Py_ssize_t i = 0; i < count; i++) {
        Bounds b = lines[i];
        near_from[i] = b.low - 1.5 - b.slack;
        near_to[i] = b.high + 1.5 + b.slack;
        beyond[i] = b.low - 3 - 2 * b.slack;
    }
    qsort(near_from, (size_t)count, sizeof(double), compare_double);
    qsort(near_to, (size_t)count, sizeof(double), compare_double);
    qsort(beyond, (size_t)count, sizeof(double), compare_double);
    for (Py_ssize_t i = 0; i < count; i++) {
        double high = lines[i].high;
        if (high < floor) {
            continue;
        }
        Py_ssize_t near = bisect_double(near_from, count, high, 1) -
                          bisect_double(near_to, count, lines[i].low, 0);
        if ((double)near >= need &&
            (double)(count - bisect_double(beyond, count, high, 1)) <= 0.1 * (double)count) {
            return 0;
        }
    }
    return 1;
}

/* From this many output lines on, the bounds are first counted in buckets
 * (_BUCKETED compiled). */
#define BUCKETED 256

PyDoc_STRVAR(scanner_no_output_margin_doc,
             "no_output_margin(rows, joins, /)\n--\n\n"
             "zhclean.paragraphs._surely_no_margin(rows, lasts) with lasts the last rows of\n"
             "the output lines (the breaks joins does not mark, and the last row).");

static PyObject *
scanner_no_output_margin(Scanner *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "no_output_margin() takes the rows and the joins, lists");
        return NULL;
    }
    PyObject *rows = args[0], *joins = args[1];
    Py_ssize_t n = PyList_GET_SIZE(rows);
    if (n == 0 || PyList_GET_SIZE(joins) < n - 1) {
        PyErr_SetString(PyExc_IndexError, "no rows, or fewer joins than breaks");
        return NULL;
    }
    Bounds *lines = PyMem_New(Bounds, n);
    double *scratch = NULL;
    PyObject *result = NULL;
    if (lines == NULL) {
        return PyErr_NoMemory();
    }
    /* the rows' measures summed from the first row on: a line's are differences of sums */
    double width = 0.0, begin = 0.0;
    Py_ssize_t spaces = 0, narrows = 0, begin_spaces = 0, begin_narrows = 0;
    Py_ssize_t first = 0, count = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *row = PyList_GET_ITEM(rows, k);
        if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) < ROW_FIELDS) {
            PyErr_SetString(PyExc_TypeError, "rows must hold _Row tuples");
            goto done;
        }
        width += row_double(row, 6);
        spaces += PyLong_AsSsize_t(PyTuple_GET_ITEM(row, 14));
        narrows += PyLong_AsSsize_t(PyTuple_GET_ITEM(row, 8));
        int last = k == n - 1 ? 1 : !PyObject_IsTrue(PyList_GET_ITEM(joins, k));
        if (PyErr_Occurred()) {
            goto done;
        }
        if (!last) {
            continue;
        }
        /* _line_bounds */
        double total = width - begin;
        Py_ssize_t join = k - first;
        double error = 0.7 * (double)join + 0.02 * (double)(spaces - begin_spaces + join) +
                       1e-6 * (1.0 + fabs(total));
        double slack = 0.06 * (double)(narrows - begin_narrows + join);
        lines[count++] = (Bounds){total - error, total + error, slack < 2.0 ? slack : 2.0};
        begin = width;
        begin_spaces = spaces;
        begin_narrows = narrows;
        first = k + 1;
    }
    Py_ssize_t rank = count / 20 > 2 ? count / 20 : 2;
    rank = rank < count ? rank : count;
    double need = 0.12 * (double)count;
    double few = count <= 6 ? 2.0 : 3.0;
    need = few > need ? few : need;
    int none;
    if (count >= BUCKETED && !bounds_may_have_margin(lines, count, rank, need)) {
        none = 1;
    }
    else {
        scratch = PyMem_New(double, 4 * count);
        if (scratch == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        none = bounds_no_margin(lines, count, rank, need, scratch);
    }
    result = Py_NewRef(none ? Py_True : Py_False);
done:
    PyMem_Free(lines);
    PyMem_Free(scratch);
    return result;
}

static PyMethodDef scanner_methods[] = {
    {"rows", (PyCFunction)(void (*)(void))scanner_rows, METH_FASTCALL, scanner_rows_doc},
    {"vocabulary", (PyCFunction)(void (*)(void))scanner_vocabulary, METH_FASTCALL,
     scanner_vocabulary_doc},
    {"joined", (PyCFunction)(void (*)(void))scanner_joined, METH_FASTCALL, scanner_joined_doc},
    {"typical_width", (PyCFunction)(void (*)(void))scanner_typical_width, METH_FASTCALL,
     scanner_typical_width_doc},
    {"no_output_margin", (PyCFunction)(void (*)(void))scanner_no_output_margin, METH_FASTCALL,
     scanner_no_output_margin_doc},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(scanner_doc,
             "Scanner(row, space_em, line_end, wide, space_run, first_token,\n"
             "        blank_line, heading, list_start, terminal_end, hspace, printable_blank,\n"
             "        terminators, terminal_last, heading_first, list_first, latin_class,\n"
             "        word_chain)\n"
             "--\n\n"
             "The line scanner of zhclean.paragraphs, built once from its types, patterns\n"
             "and character sets. Raises ValueError when a pattern it implements changed.");

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "zhclean._rowscan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_dealloc = (destructor)scanner_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)scanner_traverse,
    .tp_clear = (inquiry)scanner_clear,
    .tp_doc = scanner_doc,
    .tp_methods = scanner_methods,
    .tp_init = (initproc)scanner_init,
    .tp_new = scanner_new,
};

static struct PyModuleDef rowscan_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "zhclean._rowscan",
    .m_doc = "The line scanner of zhclean.paragraphs._rows, compiled (optional).",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__rowscan(void)
{
    char_classes_init();
    if (PyType_Ready(&ScannerType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&rowscan_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(module, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
