/* carta-model-private.h: the model's fields, for the feed loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model objects are read-only to everyone but the loader that builds
 * them, so their structs live here rather than behind dozens of setters.
 */
#pragma once

#include "carta-campaign.h"
#include "carta-case.h"
#include "carta-ruleset.h"
#include "carta-target.h"
#include "carta-template.h"

G_BEGIN_DECLS

struct _CartaCase
{
  CartaEntity      parent_instance;

  char            *name;
  char            *name_latin;
  /* Language, form, name: three strings per form the feed gives, then
   * NULL; all in one allocation. NULL when there is none. */
  char           **name_forms;
  guint            birth_year;
  GDate           *birth_date;
  CartaCaseStatus  status;
  char            *country;
  CartaText       *story;
  GPtrArray       *interests;         /* of CartaText */
  CartaText       *facility;
  CartaAddress    *address;
  GStrv            letter_languages;
  gboolean         can_receive_letters;
  gboolean         is_demo;
  CartaRuleset    *ruleset;
  GPtrArray       *templates;         /* of CartaTemplate */
  GPtrArray       *channels;          /* of CartaChannel */
};

struct _CartaTarget
{
  CartaEntity         parent_instance;

  CartaAddresseeRole  role;
  CartaText          *title;
  CartaText          *organization;
  CartaText          *salutation;
  CartaAddress       *address;
  char               *email;
  gboolean            user_supplied;
};

struct _CartaTemplate
{
  CartaEntity         parent_instance;

  CartaLetterKind     kind;
  CartaAddresseeRole  addressee_role;
  CartaText          *title;
  CartaText          *subject;
  GPtrArray          *paragraphs;     /* of CartaParagraph */
  CartaText          *closing;
  guint               max_words;
  guint               max_pages;
  GStrv               languages;
};

struct _CartaRuleset
{
  CartaEntity  parent_instance;

  CartaText   *title;
  CartaText   *summary;
  GPtrArray   *rules;                 /* of CartaRule */
};

struct _CartaCampaign
{
  CartaEntity   parent_instance;

  CartaText    *title;
  CartaText    *summary;
  CartaText    *description;
  char         *region;
  GDate        *deadline;
  GPtrArray    *cases;                /* of CartaCase */
  GPtrArray    *targets;              /* of CartaTarget */
  GPtrArray    *templates;            /* of CartaTemplate */
  CartaRuleset *ruleset;
  GPtrArray    *channels;             /* of CartaChannel */
};

void            carta_entity_set_identity (CartaEntity    *self,
                                           const char     *source_id,
                                           const char     *id);
void            carta_paragraph_free      (CartaParagraph *paragraph);
void            carta_rule_free           (CartaRule      *rule);
/* Works out the languages in which the whole template is present. */
void            carta_template_update_languages (CartaTemplate *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaParagraph, carta_paragraph_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaRule, carta_rule_free)

G_END_DECLS

G_BEGIN_DECLS
/* Appends every language's text, space-separated (for search keys). */
void       carta_text_append_all_to (const CartaText    *text,
                                     GString            *out);
/* A text with @n_langs (at most 64) distinct languages and their values,
 * copied into a single allocation: how the feed loader builds its texts. */
CartaText *carta_text_new_packed    (guint               n_langs,
                                     const char * const *langs,
                                     const char * const *values);
G_END_DECLS
