#include "ServerClock.h"

#include <QDateTime>
#include <QRegularExpression>

namespace foyer::server {

namespace {

QString format(qint64 millis, int counter)
{
    return QStringLiteral("%1-%2-server").arg(millis, 15, 10, QLatin1Char('0')).arg(counter, 6, 10, QLatin1Char('0'));
}

} // namespace

QString ServerClock::now(const QString& latestSeen)
{
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    if (isWellFormed(latestSeen)) {
        const qint64 seenMillis = latestSeen.left(15).toLongLong();
        const int seenCounter = latestSeen.mid(16, 6).toInt();
        if (seenMillis >= wall)
            return format(seenMillis, std::min(seenCounter + 1, 999999));
    }
    return format(wall, 0);
}

bool ServerClock::isWellFormed(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]{15}-[0-9]{6}-[A-Za-z0-9_.:-]{1,100}$"));
    return pattern.match(text).hasMatch();
}

} // namespace foyer::server
