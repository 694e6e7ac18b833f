/* carta-people.h: the people the user adds by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "carta-feed.h"
#include "carta-types.h"

G_BEGIN_DECLS

/* The catalog source of the people the user adds. */
#define CARTA_PEOPLE_SOURCE_ID "user"

/* One person as the user typed them. */
typedef struct {
  char            *id;               /* set by the store */
  char            *name;             /* native script, required */
  char            *name_latin;
  guint            birth_year;       /* 0 when unknown */
  char            *facility;
  char           **address_lines;    /* the facility's postal address; may be NULL */
  char            *country;          /* "RU", "BY" or another ISO 3166-1 code; may be NULL */
  char           **letter_languages; /* required: "ru", or "ru" and "be" */
  CartaCaseStatus  status;
} CartaPerson;

#define CARTA_TYPE_PERSON (carta_person_get_type ())
GType        carta_person_get_type          (void) G_GNUC_CONST;
CartaPerson *carta_person_new               (void);
CartaPerson *carta_person_copy              (const CartaPerson *person);
void         carta_person_free              (CartaPerson       *person);
/* Splits an address pasted as one block into the person's address lines
 * (see carta_import_split_address), checked for the person's country;
 * warnings (CartaAddressWarning) are appended to @warnings when given. */
void         carta_person_set_address_block (CartaPerson       *person,
                                             const char        *block,
                                             GPtrArray         *warnings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaPerson, carta_person_free)

#define CARTA_TYPE_PEOPLE (carta_people_get_type ())

G_DECLARE_FINAL_TYPE (CartaPeople, carta_people, CARTA, PEOPLE, GObject)

/* Kept in @path (NULL: $XDG_DATA_HOME/carta/people.json). The store starts
 * empty: load it. "changed" is emitted whenever the people change. */
CartaPeople       *carta_people_new          (const char           *path);
const char        *carta_people_get_path     (CartaPeople          *self);

/* Reads the file in a worker thread. A missing file is an empty list; a
 * damaged one is kept aside as people.json.damaged and reported. */
void               carta_people_load_async   (CartaPeople          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean           carta_people_load_finish  (CartaPeople          *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* Writes the current people atomically and durably in a worker thread;
 * when saves overlap, the file ends with the latest. */
void               carta_people_save_async   (CartaPeople          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean           carta_people_save_finish  (CartaPeople          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

guint              carta_people_get_n_people (CartaPeople          *self);
const CartaPerson *carta_people_get_nth      (CartaPeople          *self,
                                              guint                 index);
const CartaPerson *carta_people_lookup       (CartaPeople          *self,
                                              const char           *id);
/* Adds a copy of @person under a new id, which is returned; NULL and
 * @error set when the person is incomplete or invalid. */
char              *carta_people_add          (CartaPeople          *self,
                                              const CartaPerson    *person,
                                              GError              **error);
/* Replaces the person with @id (keeping the id). */
gboolean           carta_people_update       (CartaPeople          *self,
                                              const char           *id,
                                              const CartaPerson    *person,
                                              GError              **error);
gboolean           carta_people_remove       (CartaPeople          *self,
                                              const char           *id);
/* Puts a removed person back under their own id (@person->id) at @index
 * (or at the end): undoes carta_people_remove, so that letters and drafts
 * still point at them. FALSE when the id is taken or the person invalid. */
gboolean           carta_people_insert       (CartaPeople          *self,
                                              guint                 index,
                                              const CartaPerson    *person,
                                              GError              **error);

/* The people as a feed with source id "user", with the bundled catalog's
 * guidance and letters to prisoners. */
CartaFeed         *carta_people_build_feed   (CartaPeople          *self,
                                              GError              **error);

G_END_DECLS
