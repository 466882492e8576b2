#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace foyer::storage {

// Times as stored: UTC, ISO-8601 with milliseconds. "Now" comes from core::Clock, so tests can pin it.
QString nowUtcText();
QString isoUtc(const QDateTime& time);
// Back from a stored value (invalid for NULL).
QDateTime utcFrom(const QVariant& value);

} // namespace foyer::storage
