#pragma once

#include <QString>
#include <QVariant>

namespace foyer::storage {

// SQL for this workstation's prefix (the first part of its confirmation numbers), as rows record where they were made.
inline constexpr char CurrentWorkstation[] =
    "(SELECT value FROM workstation_setting WHERE name = 'workstation_prefix')";

// A workstation filter for "(? = '' OR workstation = ?)": an empty (even null) name binds as '' and matches all.
inline QVariant anyWorkstation(const QString& workstation)
{
    return workstation.isEmpty() ? QVariant(QStringLiteral("")) : QVariant(workstation);
}

} // namespace foyer::storage
