#include "StoredTime.h"

#include "Clock.h"

namespace foyer::storage {

QString nowUtcText()
{
    return isoUtc(core::Clock::currentDateTimeUtc());
}

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime utcFrom(const QVariant& value)
{
    if (value.isNull())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace foyer::storage
