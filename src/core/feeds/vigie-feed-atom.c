/* vigie-feed-atom.c: Statuspage incident history, history.atom / history.rss
 *
 * The feed is a log of updates, not a statement of the current state: each
 * entry is one incident or maintenance, its content the escaped HTML of its
 * updates, newest first, one per paragraph:
 *
 *   <p><small>Jul <var data-var='date'> 9</var>, <var data-var='time'>06:01</var>
 *   UTC</small><br><strong>Update</strong> - We are continuing to …</p>
 *
 * An entry is open when its newest label is not Resolved, Completed or
 * Postmortem; maintenance labels (Scheduled, In progress, Verifying,
 * Completed) make it a maintenance.  Only entries updated within the last
 * seven days can be open, so that an incident the page never closed does
 * not haunt the feed.
 *
 * The document is untrusted XML, read by vigie-xml.c: without network
 * access, within libxml2's default bounds on depth and sizes, and a
 * document that declares entities is refused outright (no status feed
 * needs one, and that is where entity expansion bombs and external
 * entities hide).  Of the elements, only what the reading below looks at
 * is kept, and each entry is read as it ends: a long feed costs one entry
 * at a time.
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-atom"

#include "config.h"

#include <string.h>

#include "vigie-feed-format-private.h"
#include "vigie-limits.h"
#include "vigie-text.h"
#include "vigie-xml.h"

#define ATOM_NAMESPACE "http://www.w3.org/2005/Atom"

/* Only entries updated this recently can be open */
#define ATOM_OPEN_WINDOW (7 * G_TIME_SPAN_DAY)
/* Closed entries this recent go to the resolved list */
#define ATOM_RESOLVED_WINDOW G_TIME_SPAN_DAY

/* Detection reads this much of the document */
#define ATOM_DETECT_BYTES 8192
/* Bounds on what one document costs */
#define ATOM_MAX_ENTRIES 1000
#define ATOM_MAX_TEXT_BYTES (256 * 1024)
#define ATOM_MAX_UPDATES 200

typedef enum
{
  LABEL_UNKNOWN,
  LABEL_OPEN,           /* Investigating, Identified, Update, Monitoring */
  LABEL_UPDATE,         /* Update: open, but says nothing of the stage */
  LABEL_CLOSED,         /* Resolved, Postmortem */
  LABEL_SCHEDULED,      /* upcoming maintenance */
  LABEL_RUNNING,        /* maintenance In progress, Verifying */
  LABEL_COMPLETED,      /* maintenance over */
} LabelKind;

static const struct
{
  const char *label;
  LabelKind kind;
  const char *status;   /* the lifecycle word, as Statuspage's API spells it */
} labels[] = {
  { "Investigating", LABEL_OPEN, "investigating" },
  { "Identified", LABEL_OPEN, "identified" },
  { "Update", LABEL_UPDATE, "update" },
  { "Monitoring", LABEL_OPEN, "monitoring" },
  { "Resolved", LABEL_CLOSED, "resolved" },
  { "Postmortem", LABEL_CLOSED, "postmortem" },
  { "Scheduled", LABEL_SCHEDULED, "scheduled" },
  { "In progress", LABEL_RUNNING, "in_progress" },
  { "Verifying", LABEL_RUNNING, "verifying" },
  { "Completed", LABEL_COMPLETED, "completed" },
};

typedef struct
{
  char *label;          /* cleaned text of <strong> */
  char *when;           /* cleaned text of <small>, or NULL */
  char *text;           /* the update itself */
} Update;

static void
update_free (Update *update)
{
  g_free (update->label);
  g_free (update->when);
  g_free (update->text);
  g_free (update);
}

static LabelKind
label_kind (const char  *label,
            const char **out_status)
{
  if (label != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      if (g_ascii_strcasecmp (labels[i].label, label) == 0)
        {
          if (out_status != NULL)
            *out_status = labels[i].status;
          return labels[i].kind;
        }

  return LABEL_UNKNOWN;
}

/* Detection */

/* The name of the first element, skipping the declaration, comments,
 * processing instructions and a doctype */
static const char *
find_root_name (const char *data,
                gsize       size)
{
  const char *p = data;
  const char *end = data + size;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *close;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || *p != '<')
        return NULL;
      if (p + 1 < end && g_ascii_isalpha (p[1]))
        return p + 1;

      close = memchr (p, '>', end - p);
      if (close == NULL)
        return NULL;
      p = close + 1;
    }

  return NULL;
}

static gboolean
name_is (const char *name,
         const char *end,
         const char *wanted)
{
  gsize len = strlen (wanted);

  return name != NULL && (gsize) (end - name) > len && strncmp (name, wanted, len) == 0
         && (g_ascii_isspace (name[len]) || name[len] == '>' || name[len] == '/');
}

static gboolean
atom_detect (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  gsize n = MIN (size, ATOM_DETECT_BYTES);
  const char *root = find_root_name (data, n);

  /* Statuspage's Atom feed is made by Rails' atom_feed: its ids are
   * "tag:<host>,2005:/history" and "tag:<host>,2005:Incident/<n>" */
  if (name_is (root, data + n, "feed"))
    return g_strstr_len (data, n, ATOM_NAMESPACE) != NULL
           && (g_strstr_len (data, n, ",2005:/history") != NULL
               || g_strstr_len (data, n, ",2005:Incident/") != NULL);

  /* its RSS twin links every item to the page's /incidents/<code> */
  if (name_is (root, data + n, "rss"))
    return g_strstr_len (data, n, "/incidents/") != NULL
           || g_strstr_len (data, n, "Incident History") != NULL;

  return FALSE;
}

/* What the reading keeps of the document: of the feed (the RSS channel),
 * of each entry and of each item, the first child element of each name
 * it reads */

typedef enum
{
  FIELD_ID,
  FIELD_UPDATED,
  FIELD_PUBLISHED,
  FIELD_TITLE,
  FIELD_CONTENT,
  FIELD_SUMMARY,
  FIELD_LINK,
  FIELD_GUID,
  FIELD_PUBDATE,
  FIELD_DESCRIPTION,
  N_FIELDS
} FieldId;

/* Where a field is read */
enum
{
  IN_FEED = 1 << 0,     /* the Atom feed, the RSS channel */
  IN_ENTRY = 1 << 1,    /* an Atom entry */
  IN_ITEM = 1 << 2,     /* an RSS item */
};

static const struct
{
  const char *name;
  guint where;
} field_kinds[N_FIELDS] = {
  [FIELD_ID] = { "id", IN_ENTRY },
  [FIELD_UPDATED] = { "updated", IN_ENTRY },
  [FIELD_PUBLISHED] = { "published", IN_ENTRY },
  [FIELD_TITLE] = { "title", IN_FEED | IN_ENTRY | IN_ITEM },
  [FIELD_CONTENT] = { "content", IN_ENTRY },
  [FIELD_SUMMARY] = { "summary", IN_ENTRY },
  [FIELD_LINK] = { "link", IN_FEED | IN_ENTRY | IN_ITEM },
  [FIELD_GUID] = { "guid", IN_ITEM },
  [FIELD_PUBDATE] = { "pubDate", IN_ITEM },
  [FIELD_DESCRIPTION] = { "description", IN_ITEM },
};

/* One element: the text directly inside it (text and CDATA, never an
 * element's, bounded) and the attributes the reading looks at */
typedef struct
{
  GString *text;        /* NULL: no such element */
  char *type;
  char *href;
} Field;

static void
fields_clear (Field *fields)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (fields[i].text != NULL)
        g_string_free (fields[i].text, TRUE);
      g_free (fields[i].type);
      g_free (fields[i].href);
    }

  memset (fields, 0, N_FIELDS * sizeof (Field));
}

/* The text of @field, taken from it: NULL without the element */
static char *
field_take_text (Field *field)
{
  if (field->text == NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&field->text), FALSE);
}

/* An attribute without a prefix, as written */
static char *
dup_attribute (const char **names,
               const char **values,
               const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return g_strndup (values[i], VIGIE_MAX_URL_BYTES + 1);

  return NULL;
}

/* An Atom <title> or <content>: plain text unless its type says HTML */
static char *
atom_text (Field *field,
           gsize  max_chars)
{
  g_autofree char *text = field_take_text (field);

  if (text == NULL)
    return NULL;

  if (g_strcmp0 (field->type, "html") == 0)
    return vigie_text_from_html (text, max_chars);

  return vigie_text_clean (text, max_chars);
}

/* Times */

static GDateTime *
parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *trimmed = NULL;

  if (text == NULL || strlen (text) > 64)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  return g_date_time_new_from_iso8601 (trimmed, utc);
}

static int
month_from_name (const char *name)
{
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };

  if (name == NULL || strlen (name) < 3)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (months[i], name, 3) == 0)
      return i + 1;

  return 0;
}

static gboolean
parse_digits (const char *text,
              gsize       min_len,
              gsize       max_len,
              int        *out_value)
{
  gsize len = strlen (text);
  int value = 0;

  if (len < min_len || len > max_len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

static gboolean
parse_clock (const char *text,
             int        *out_hour,
             int        *out_minute,
             int        *out_second)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 4);
  guint n = g_strv_length (parts);

  *out_second = 0;
  return (n == 2 || n == 3)
         && parse_digits (parts[0], 1, 2, out_hour) && *out_hour < 24
         && parse_digits (parts[1], 2, 2, out_minute) && *out_minute < 60
         && (n == 2 || (parse_digits (parts[2], 2, 2, out_second) && *out_second < 60));
}

/* Seconds east of UTC for the zones RFC 822 names, or a +hhmm offset */
static gboolean
parse_zone (const char *text,
            gint32     *out_offset)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
  };
  int value;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_ascii_strcasecmp (zones[i].name, text) == 0)
      {
        *out_offset = zones[i].hours * 3600;
        return TRUE;
      }

  if ((text[0] == '+' || text[0] == '-') && parse_digits (text + 1, 4, 4, &value)
      && value / 100 <= 14 && value % 100 < 60)
    {
      *out_offset = (text[0] == '-' ? -1 : 1) * ((value / 100) * 3600 + (value % 100) * 60);
      return TRUE;
    }

  return FALSE;
}

/* RSS pubDate, RFC 822: "Thu, 09 Jul 2026 06:01:43 +0000" */
static GDateTime *
parse_rfc822 (const char *text)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *trimmed = NULL;
  guint n;
  guint i = 0;
  int day;
  int month;
  int year;
  int hour;
  int minute;
  int second;
  gint32 offset;

  if (text == NULL || strlen (text) > 64)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  tokens = g_strsplit (trimmed, " ", 8);
  n = g_strv_length (tokens);
  if (n > 0 && g_str_has_suffix (tokens[0], ","))
    i++;
  if (n != i + 5)
    return NULL;

  month = month_from_name (tokens[i + 1]);
  if (!parse_digits (tokens[i], 1, 2, &day) || month == 0 || strlen (tokens[i + 1]) != 3
      || !parse_digits (tokens[i + 2], 2, 4, &year)
      || !parse_clock (tokens[i + 3], &hour, &minute, &second)
      || !parse_zone (tokens[i + 4], &offset))
    return NULL;

  if (year < 100)
    year += year < 70 ? 2000 : 1900;

  zone = g_time_zone_new_offset (offset);
  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

/* An update's own stamp, "Jul 9, 06:01 UTC", has no year: it is the one
 * that puts it at or just before @reference (the entry's last update). */
static GDateTime *
parse_update_time (const char *text,
                   GDateTime  *reference)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  g_autofree char *day_text = NULL;
  GDateTime *when;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int year;

  if (text == NULL || reference == NULL || strlen (text) > 64)
    return NULL;

  tokens = g_strsplit (text, " ", 6);
  /* the page's time zone: only UTC is read, other pages show local times
   * whose offset the feed does not give */
  if (g_strv_length (tokens) != 4
      || (g_strcmp0 (tokens[3], "UTC") != 0 && g_strcmp0 (tokens[3], "GMT") != 0))
    return NULL;

  month = month_from_name (tokens[0]);
  day_text = g_strndup (tokens[1], strlen (tokens[1]) - (g_str_has_suffix (tokens[1], ",") ? 1 : 0));
  if (month == 0 || strlen (tokens[0]) != 3 || !parse_digits (day_text, 1, 2, &day)
      || !parse_clock (tokens[2], &hour, &minute, &second))
    return NULL;

  utc = g_time_zone_new_utc ();
  year = g_date_time_get_year (reference);
  when = g_date_time_new (utc, year, month, day, hour, minute, 0);
  if (when != NULL && g_date_time_difference (when, reference) > 2 * G_TIME_SPAN_DAY)
    {
      g_date_time_unref (when);
      when = g_date_time_new (utc, year - 1, month, day, hour, minute, 0);
    }

  return when;
}

/* Finds the next occurrence of a tag at or after a position, remembering
 * the last answer, so that a whole content is scanned once per tag however
 * many updates it holds */
typedef struct
{
  const char *tag;
  const char *found;
  gboolean exhausted;
} Finder;

static const char *
find_next (Finder     *finder,
           const char *from)
{
  if (finder->exhausted)
    return NULL;

  if (finder->found == NULL || finder->found < from)
    {
      finder->found = strstr (from, finder->tag);
      finder->exhausted = finder->found == NULL;
    }

  return finder->found;
}

/* Updates: the label of each <strong> that follows a <small> stamp (a
 * <strong> in the text of an update is not a label), its stamp, and the
 * text up to the next stamp.  Without any <small>, every <strong> is taken
 * for a label. */
static GPtrArray *
parse_updates (const char *html)
{
  GPtrArray *updates = g_ptr_array_new_with_free_func ((GDestroyNotify) update_free);
  Finder smalls = { "<small>", NULL, FALSE };
  Finder small_ends = { "</small>", NULL, FALSE };
  Finder strongs = { "<strong>", NULL, FALSE };
  Finder strong_ends = { "</strong>", NULL, FALSE };
  gboolean has_stamps = find_next (&smalls, html) != NULL;
  const char *p = html;
  const char *stamp = NULL;

  while (updates->len < ATOM_MAX_UPDATES)
    {
      const char *small = find_next (&smalls, p);
      const char *strong = find_next (&strongs, p);
      const char *label_end;
      const char *next;
      Update *update;

      if (strong == NULL)
        break;

      if (small != NULL && small < strong)
        {
          stamp = small;
          p = small + strlen ("<small>");
          continue;
        }

      if (has_stamps && stamp == NULL)
        {
          /* bold text inside an update */
          p = strong + strlen ("<strong>");
          continue;
        }

      label_end = find_next (&strong_ends, strong);
      if (label_end == NULL)
        break;

      update = g_new0 (Update, 1);
      {
        g_autofree char *label = g_strndup (strong + strlen ("<strong>"),
                                            label_end - strong - strlen ("<strong>"));

        update->label = vigie_text_from_html (label, VIGIE_MAX_NAME_CHARS);
      }
      if (stamp != NULL)
        {
          const char *stamp_end = find_next (&small_ends, stamp);

          if (stamp_end != NULL && stamp_end < strong)
            {
              g_autofree char *when = g_strndup (stamp + strlen ("<small>"),
                                                 stamp_end - stamp - strlen ("<small>"));

              update->when = vigie_text_from_html (when, 64);
            }
        }

      p = label_end + strlen ("</strong>");
      next = find_next (has_stamps ? &smalls : &strongs, p);
      {
        g_autofree char *text = next != NULL ? g_strndup (p, next - p) : g_strdup (p);
        g_autofree char *clean = vigie_text_from_html (text, VIGIE_MAX_UPDATE_CHARS);
        const char *start = clean;

        /* "<strong>Update</strong> - We are …" */
        if (start != NULL && g_str_has_prefix (start, "- "))
          start += strlen ("- ");
        else if (start != NULL && g_str_has_prefix (start, "– "))
          start += strlen ("– ");
        update->text = vigie_text_clean (start, VIGIE_MAX_UPDATE_CHARS);
      }

      g_ptr_array_add (updates, update);
      stamp = NULL;
    }

  return updates;
}

/* One entry or item, read into the parts both dialects share */
typedef struct
{
  char *id;
  char *title;
  char *url;
  char *content;        /* HTML */
  GDateTime *updated;
  GDateTime *published;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->url);
  g_free (entry->content);
  g_clear_pointer (&entry->updated, g_date_time_unref);
  g_clear_pointer (&entry->published, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Entry, entry_clear)

static void
read_atom_entry (Field *fields,
                 Entry *entry)
{
  g_autofree char *id = field_take_text (&fields[FIELD_ID]);
  g_autofree char *updated = field_take_text (&fields[FIELD_UPDATED]);
  g_autofree char *published = field_take_text (&fields[FIELD_PUBLISHED]);
  Field *content = fields[FIELD_CONTENT].text != NULL ? &fields[FIELD_CONTENT] : &fields[FIELD_SUMMARY];

  entry->id = vigie_text_clean (id, VIGIE_MAX_NAME_CHARS);
  entry->title = atom_text (&fields[FIELD_TITLE], VIGIE_MAX_TITLE_CHARS);
  entry->url = vigie_link_sanitize (fields[FIELD_LINK].href);
  entry->updated = parse_iso8601 (updated);
  entry->published = parse_iso8601 (published);
  entry->content = field_take_text (content);

  /* a plain-text content has no markup to find labels in; escape it so
   * that its "<" are not taken for tags */
  if (entry->content != NULL && content->type != NULL && g_strcmp0 (content->type, "html") != 0)
    {
      char *escaped = g_markup_escape_text (entry->content, -1);

      g_free (entry->content);
      entry->content = escaped;
    }
}

static void
read_rss_item (Field *fields,
               Entry *entry)
{
  g_autofree char *guid = field_take_text (&fields[FIELD_GUID]);
  g_autofree char *link = field_take_text (&fields[FIELD_LINK]);
  g_autofree char *title = field_take_text (&fields[FIELD_TITLE]);
  g_autofree char *date = field_take_text (&fields[FIELD_PUBDATE]);

  entry->url = vigie_link_sanitize (link != NULL ? g_strstrip (link) : NULL);
  entry->id = vigie_text_clean (guid != NULL ? guid : entry->url, VIGIE_MAX_NAME_CHARS);
  entry->title = vigie_text_from_html (title, VIGIE_MAX_TITLE_CHARS);
  entry->updated = parse_rfc822 (date);
  entry->content = field_take_text (&fields[FIELD_DESCRIPTION]);
}

typedef struct
{
  VigieSnapshot *snapshot;
  GDateTime *now;
  char *reason;
  const VigieIncident *newest_open;
  VigieSeverity severity;
  gboolean maintenance_running;
} Reading;

static void
set_reason (Reading    *reading,
            const char *reason)
{
  if (reading->reason == NULL)
    reading->reason = g_strdup (reason);
}

/* The incident an entry tells, dated by its updates (newest first) when
 * their dates can be read, else by the entry's own dates */
static VigieIncident *
incident_from_entry (const Entry *entry,
                     GPtrArray   *updates,
                     GDateTime   *last)
{
  g_autoptr(VigieIncident) incident = vigie_incident_new ();
  const Update *newest = updates->len > 0 ? g_ptr_array_index (updates, 0) : NULL;
  GDateTime *newest_time;

  incident->id = g_strdup (entry->id);
  incident->title = g_strdup (entry->title != NULL ? entry->title : "Incident");
  incident->url = g_strdup (entry->url);

  newest_time = newest != NULL ? parse_update_time (newest->when, last) : NULL;
  incident->updated_at = newest_time != NULL ? newest_time
                                             : (last != NULL ? g_date_time_ref (last) : NULL);
  if (updates->len > 0)
    {
      const Update *oldest = g_ptr_array_index (updates, updates->len - 1);

      incident->started_at = parse_update_time (oldest->when, last);
    }
  if (incident->started_at == NULL && entry->published != NULL)
    incident->started_at = g_date_time_ref (entry->published);
  if (newest != NULL)
    incident->latest_update = g_strdup (newest->text);

  return g_steal_pointer (&incident);
}

/* An entry whose labels are a maintenance's (takes @incident).  @stage is
 * its newest label that is not a bare "Update", @status the newest label's
 * word. */
static void
take_maintenance (Reading       *reading,
                  VigieIncident *incident,
                  GPtrArray     *updates,
                  const Update  *stage,
                  const char    *status,
                  GDateTime     *last)
{
  LabelKind stage_kind = stage != NULL ? label_kind (stage->label, &status) : LABEL_RUNNING;

  /* "Update" after "In progress" is still in progress; an update to
   * an announcement does not start the work */
  if (stage_kind != LABEL_SCHEDULED)
    {
      stage_kind = LABEL_RUNNING;
      if (g_strcmp0 (status, "verifying") != 0)
        status = "in_progress";
    }
  /* it started with its first "In progress", not when announced */
  for (guint i = updates->len; stage_kind == LABEL_RUNNING && i > 0; i--)
    {
      const Update *update = g_ptr_array_index (updates, i - 1);
      GDateTime *began;

      if (label_kind (update->label, NULL) != LABEL_RUNNING
          || (began = parse_update_time (update->when, last)) == NULL)
        continue;

      g_clear_pointer (&incident->started_at, g_date_time_unref);
      incident->started_at = began;
      break;
    }

  incident->status = g_strdup (status);
  incident->severity = VIGIE_SEVERITY_MAINTENANCE;
  reading->maintenance_running |= stage_kind == LABEL_RUNNING;
  vigie_snapshot_add_maintenance (reading->snapshot, incident);
}

static void
take_entry (Reading *reading,
            Entry   *entry)
{
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(VigieIncident) incident = NULL;
  VigieIncident *added;
  GDateTime *last = entry->updated != NULL ? entry->updated : entry->published;
  const Update *newest;
  const Update *stage = NULL;
  gboolean maintenance = FALSE;
  gboolean dated = last != NULL;
  const char *status = NULL;
  LabelKind kind;

  /* an old entry, whatever its last word, is history */
  if (dated && g_date_time_difference (reading->now, last) > ATOM_OPEN_WINDOW)
    return;

  updates = parse_updates (entry->content != NULL ? entry->content : "");
  for (guint i = 0; i < updates->len; i++)
    {
      const Update *update = g_ptr_array_index (updates, i);

      kind = label_kind (update->label, NULL);
      maintenance |= kind == LABEL_SCHEDULED || kind == LABEL_RUNNING || kind == LABEL_COMPLETED;
      /* the stage: the newest label that is not a bare "Update" */
      if (stage == NULL && kind != LABEL_UPDATE)
        stage = update;
    }

  incident = incident_from_entry (entry, updates, last);
  newest = updates->len > 0 ? g_ptr_array_index (updates, 0) : NULL;
  kind = newest != NULL ? label_kind (newest->label, &status) : LABEL_UNKNOWN;

  if (kind == LABEL_CLOSED || kind == LABEL_COMPLETED)
    {
      /* ended, at the time of its last update */
      if (!maintenance && incident->updated_at != NULL
          && g_date_time_compare (incident->updated_at, reading->now) <= 0
          && g_date_time_difference (reading->now, incident->updated_at) <= ATOM_RESOLVED_WINDOW)
        {
          incident->status = g_strdup (status);
          incident->severity = VIGIE_SEVERITY_MINOR;
          vigie_snapshot_add_resolved (reading->snapshot, g_steal_pointer (&incident));
        }
      return;
    }

  if (maintenance && kind != LABEL_UNKNOWN)
    {
      take_maintenance (reading, g_steal_pointer (&incident), updates, stage, status, last);
      return;
    }

  if (kind == LABEL_UNKNOWN)
    {
      /* a word Vigie does not know, or no label at all: the entry may be
       * open or not */
      incident->severity = VIGIE_SEVERITY_UNKNOWN;
      if (newest != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (newest->label != NULL ? newest->label : "", -1);
          g_autofree char *shown = vigie_text_clean (newest->label, 40);
          g_autofree char *reason = g_strdup_printf ("unknown update label \"%s\"",
                                                     shown != NULL ? shown : "");

          incident->status = vigie_text_clean (lower, VIGIE_MAX_NAME_CHARS);
          set_reason (reading, reason);
        }
      else
        {
          set_reason (reading, "entry without update label");
        }
    }
  else
    {
      /* The feed says nothing of an incident's impact: an open incident
       * is minor, the least trouble level, until a richer feed says more. */
      if (stage != NULL)
        label_kind (stage->label, &status);
      incident->status = g_strdup (status);
      incident->severity = dated ? VIGIE_SEVERITY_MINOR : VIGIE_SEVERITY_UNKNOWN;
      if (!dated)
        set_reason (reading, "entry without date");
    }

  reading->severity = vigie_severity_worst (reading->severity, incident->severity);
  added = g_steal_pointer (&incident);
  if (vigie_snapshot_add_incident (reading->snapshot, added) && reading->newest_open == NULL)
    reading->newest_open = added;
}

static char *
page_name_from_title (const char *title)
{
  static const char * const suffixes[] = { " - Incident History", " Status - Incident History" };
  g_autofree char *name = g_strdup (title);

  if (name == NULL)
    return NULL;

  for (guint i = G_N_ELEMENTS (suffixes); i > 0; i--)
    if (g_str_has_suffix (name, suffixes[i - 1]))
      {
        name[strlen (name) - strlen (suffixes[i - 1])] = '\0';
        break;
      }

  return vigie_text_clean (name, VIGIE_MAX_NAME_CHARS);
}

/* The document as vigie-xml.c reads it.  The container is the Atom feed,
 * or the first channel of an RSS document; the entries or items in it
 * are read as they end, the first ATOM_MAX_ENTRIES of them. */
typedef struct
{
  Reading *reading;
  guint depth;
  gboolean is_rss;
  gboolean has_container;
  guint container_depth;        /* while it is open, else 0 */
  guint entry_depth;            /* the same for the entry or item */
  guint n_entries;
  Field page[N_FIELDS];
  Field entry[N_FIELDS];
  Field *text_field;            /* the field whose element is open */
  guint text_depth;
} Feed;

static void
feed_clear (Feed *feed)
{
  fields_clear (feed->page);
  fields_clear (feed->entry);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Feed, feed_clear)

/* Whether an element can be one of the feed's fields.  RSS 2.0's own
 * elements have no namespace: <atom:link rel="self">, which many channels
 * have before their <link>, is not the channel's link.  In Atom the first
 * element of a name counts whatever its namespace, as it always did. */
static gboolean
is_own_element (Feed       *feed,
                const char *ns)
{
  return !feed->is_rss || ns == NULL;
}

/* The first element of its name in the feed, an entry or an item */
static void
start_field (Feed        *feed,
             Field       *fields,
             guint        where,
             const char  *name,
             const char  *ns,
             const char **names,
             const char **values)
{
  g_autofree char *rel = NULL;
  guint i = 0;

  if (!is_own_element (feed, ns))
    return;

  while (i < N_FIELDS && !((field_kinds[i].where & where) && g_str_equal (field_kinds[i].name, name)))
    i++;
  if (i == N_FIELDS || fields[i].text != NULL)
    return;

  /* an Atom link is <link rel="alternate" href="…">, or the first
   * without rel */
  if (i == FIELD_LINK && !feed->is_rss)
    {
      rel = dup_attribute (names, values, "rel");
      if (rel != NULL && g_strcmp0 (rel, "alternate") != 0)
        return;
    }

  fields[i].text = g_string_new (NULL);
  fields[i].type = dup_attribute (names, values, "type");
  fields[i].href = dup_attribute (names, values, "href");
  feed->text_field = &fields[i];
  feed->text_depth = feed->depth;
}

static void
feed_start_element (const char  *name,
                    const char  *ns,
                    const char **names,
                    const char **values,
                    gpointer     user_data)
{
  Feed *feed = user_data;
  guint parent = feed->depth++;

  if (parent == 0 && g_str_equal (name, "feed") && g_strcmp0 (ns, ATOM_NAMESPACE) == 0)
    {
      feed->has_container = TRUE;
      feed->container_depth = feed->depth;
    }
  else if (parent == 0)
    {
      feed->is_rss = g_str_equal (name, "rss") && ns == NULL;
    }
  else if (parent == 1 && feed->is_rss && !feed->has_container && g_str_equal (name, "channel"))
    {
      feed->has_container = TRUE;
      feed->container_depth = feed->depth;
    }
  else if (parent == feed->container_depth && g_str_equal (name, feed->is_rss ? "item" : "entry"))
    {
      if (feed->n_entries < ATOM_MAX_ENTRIES)
        {
          feed->n_entries++;
          feed->entry_depth = feed->depth;
        }
    }
  else if (parent == feed->container_depth)
    {
      start_field (feed, feed->page, IN_FEED, name, ns, names, values);
    }
  else if (parent == feed->entry_depth)
    {
      start_field (feed, feed->entry, feed->is_rss ? IN_ITEM : IN_ENTRY, name, ns, names,
                   values);
    }
}

static void
feed_text (const char *text,
           gsize       len,
           gpointer    user_data)
{
  Feed *feed = user_data;
  GString *out;

  if (feed->text_field == NULL || feed->depth != feed->text_depth)
    return;

  /* bounded; a cut may split a character, which cleaning makes valid
   * again */
  out = feed->text_field->text;
  g_string_append_len (out, text, MIN (len, ATOM_MAX_TEXT_BYTES - out->len));
}

static void
feed_end_element (gpointer user_data)
{
  Feed *feed = user_data;

  if (feed->depth == feed->text_depth)
    {
      feed->text_field = NULL;
      feed->text_depth = 0;
    }

  if (feed->depth == feed->entry_depth)
    {
      g_auto(Entry) entry = { 0 };

      if (feed->is_rss)
        read_rss_item (feed->entry, &entry);
      else
        read_atom_entry (feed->entry, &entry);
      take_entry (feed->reading, &entry);
      fields_clear (feed->entry);
      feed->entry_depth = 0;
    }

  if (feed->depth == feed->container_depth)
    feed->container_depth = 0;
  feed->depth--;
}

/* The page's name and address, from the feed's title and link */
static void
read_page (Feed  *feed,
           char **out_name,
           char **out_url)
{
  if (feed->is_rss)
    {
      g_autofree char *title = field_take_text (&feed->page[FIELD_TITLE]);
      g_autofree char *link = field_take_text (&feed->page[FIELD_LINK]);

      *out_name = page_name_from_title (title);
      *out_url = vigie_link_sanitize (link != NULL ? g_strstrip (link) : NULL);
    }
  else
    {
      g_autofree char *title = atom_text (&feed->page[FIELD_TITLE], VIGIE_MAX_TITLE_CHARS);

      *out_name = page_name_from_title (title);
      *out_url = vigie_link_sanitize (feed->page[FIELD_LINK].href);
    }
}

static VigieSnapshot *
atom_parse (GBytes     *body,
            GDateTime  *now,
            GError    **error)
{
  static const VigieXmlReader reader = { feed_start_element, feed_end_element, feed_text };
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new (vigie_feed_format_atom.id);
  g_auto(Feed) feed = { 0 };
  g_autofree char *page_name = NULL;
  g_autofree char *page_url = NULL;
  Reading reading = { 0 };
  gboolean read;

  reading.snapshot = snapshot;
  reading.now = now;
  reading.severity = VIGIE_SEVERITY_OPERATIONAL;
  feed.reading = &reading;

  read = vigie_xml_read (body, &reader, &feed, error);
  if (read && !feed.has_container)
    g_set_error_literal (error, VIGIE_FEED_ERROR, VIGIE_FEED_ERROR_WRONG_FORMAT,
                         "not an atom feed");
  if (!read || !feed.has_container)
    {
      g_free (reading.reason);
      return NULL;
    }

  read_page (&feed, &page_name, &page_url);
  vigie_snapshot_set_page_name (snapshot, page_name);
  vigie_snapshot_set_page_url (snapshot, page_url);

  vigie_feed_finish_snapshot (snapshot, reading.severity, reading.maintenance_running,
                              reading.reason, "unknown update label",
                              reading.newest_open != NULL ? reading.newest_open->title : NULL);
  g_free (reading.reason);

  return g_steal_pointer (&snapshot);
}

const VigieFeedFormat vigie_feed_format_atom = {
  .id = "atom",
  .label = "Statuspage history feed",
  /* a whole history, refreshed for each poll: poll it gently */
  .min_interval = 300,
  /* a history feed names no components: every entry is page-wide */
  .components_complete = FALSE,
  .detect_xml = atom_detect,
  .parse_xml = atom_parse,
};
