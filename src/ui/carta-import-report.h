/* carta-import-report.h: importing a list of prisoners, and what came of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "carta-application.h"
#include "carta-window.h"

G_BEGIN_DECLS

#define CARTA_TYPE_IMPORT_REPORT (carta_import_report_get_type ())

G_DECLARE_FINAL_TYPE (CartaImportReport, carta_import_report, CARTA, IMPORT_REPORT, AdwWindow)

/* Asks for a CSV or JSON file over @window, then imports it. */
void               carta_import_report_choose_file (CartaWindow       *window,
                                                    CartaApplication  *application);
/* Imports @file into the application's catalog and keeps it, showing the
 * progress and then the report over @window. */
CartaImportReport *carta_import_report_run         (CartaWindow       *window,
                                                    CartaApplication  *application,
                                                    GFile             *file);
/* "working", "done" or "failed". */
const char        *carta_import_report_get_state   (CartaImportReport *self);

G_END_DECLS
