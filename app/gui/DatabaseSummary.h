#pragma once

#include <QString>

namespace foyer::gui {

// What the main window shows about the open database; gathered by the caller through repositories.
struct DatabaseSummary
{
    qint64 patronCount = 0;
    int schemaVersion = 0;
    QString cipherVersion;
    QString path;
};

} // namespace foyer::gui
