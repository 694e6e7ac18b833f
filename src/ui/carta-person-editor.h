/* carta-person-editor.h: adding, editing and deleting people by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "carta-application.h"
#include "carta-window.h"

G_BEGIN_DECLS

#define CARTA_TYPE_PERSON_EDITOR (carta_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (CartaPersonEditor, carta_person_editor, CARTA, PERSON_EDITOR, AdwWindow)

/* Opens the editor over @window for the person with @id in the
 * application's people, or for a new person when @id is NULL. Once saved,
 * the window shows the person's page. */
CartaPersonEditor *carta_person_editor_open   (CartaWindow      *window,
                                               CartaApplication *application,
                                               const char       *id);

/* Deletes the person with @id at once, and offers to undo it in @window. */
void               carta_person_editor_delete (CartaWindow      *window,
                                               CartaApplication *application,
                                               const char       *id);

/* The id in the people store of a case the user added, or NULL. */
const char        *carta_person_editor_person_id (CartaCase     *person);

G_END_DECLS
