/* bedside-application.h: the Bedside application (life cycle, app actions, accelerators). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BEDSIDE_APPLICATION_ID "org.bedside.Bedside"

#define BEDSIDE_TYPE_APPLICATION (bedside_application_get_type ())

G_DECLARE_FINAL_TYPE (BedsideApplication, bedside_application, BEDSIDE, APPLICATION, AdwApplication)

BedsideApplication *bedside_application_new (GApplicationFlags flags);

G_END_DECLS
