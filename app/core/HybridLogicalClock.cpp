#include "HybridLogicalClock.h"

#include <QCoreApplication>
#include <algorithm>

namespace foyer::core {

namespace {

bool allDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

} // namespace

QString HybridLogicalClock::Stamp::toText() const
{
    return QStringLiteral("%1-%2-%3")
        .arg(wallMs, MillisecondDigits, 10, QChar(u'0'))
        .arg(counter, CounterDigits, 10, QChar(u'0'))
        .arg(node);
}

std::optional<HybridLogicalClock::Stamp> HybridLogicalClock::Stamp::parse(const QString& text, QString* error)
{
    const QStringView view(text);
    const qsizetype counterStart = MillisecondDigits + 1;
    const qsizetype nodeStart = counterStart + CounterDigits + 1;
    if (view.size() <= nodeStart || view.at(MillisecondDigits) != u'-' || view.at(nodeStart - 1) != u'-') {
        setError(error, QCoreApplication::translate("HybridLogicalClock",
                                                    "Not a clock value (expected MMMMMMMMMMMMMMM-CCCCCC-node): %1")
                            .arg(text.left(80)));
        return std::nullopt;
    }
    const QStringView ms = view.first(MillisecondDigits);
    const QStringView counter = view.sliced(counterStart, CounterDigits);
    const QStringView node = view.sliced(nodeStart);
    if (!allDigits(ms) || !allDigits(counter)) {
        setError(error, QCoreApplication::translate("HybridLogicalClock", "The clock value has a non-digit time or "
                                                                          "counter: %1")
                            .arg(text.left(80)));
        return std::nullopt;
    }
    if (std::any_of(node.begin(), node.end(), [](QChar c) { return c.isSpace() || !c.isPrint(); })) {
        setError(error, QCoreApplication::translate("HybridLogicalClock", "The clock value's node is not printable: %1")
                            .arg(text.left(80)));
        return std::nullopt;
    }
    return Stamp{ms.toLongLong(), counter.toLongLong(), node.toString()};
}

HybridLogicalClock::HybridLogicalClock(QString node, qint64 wallMs, qint64 counter)
    : m_node(std::move(node))
    , m_wallMs(std::clamp<qint64>(wallMs, 0, MaxMilliseconds))
    , m_counter(std::clamp<qint64>(counter, 0, MaxCounter))
{
}

void HybridLogicalClock::advance(qint64 wallMs, qint64 counter)
{
    // Six digits of counter: past them the clock borrows the next millisecond, which keeps it increasing and in
    // its text form (it runs ahead of the wall clock until the wall clock catches up).
    if (counter > MaxCounter) {
        wallMs += 1;
        counter = 0;
    }
    m_wallMs = std::min(wallMs, MaxMilliseconds);
    m_counter = counter;
}

QString HybridLogicalClock::now(qint64 wallMs)
{
    wallMs = std::clamp<qint64>(wallMs, 0, MaxMilliseconds);
    if (wallMs > m_wallMs)
        advance(wallMs, 0);
    else
        advance(m_wallMs, m_counter + 1);
    return state().toText();
}

bool HybridLogicalClock::observe(const QString& remote, qint64 wallMs, QString* error)
{
    const std::optional<Stamp> stamp = Stamp::parse(remote, error);
    if (!stamp)
        return false;
    wallMs = std::clamp<qint64>(wallMs, 0, MaxMilliseconds);
    const qint64 latest = std::max({m_wallMs, stamp->wallMs, wallMs});
    if (latest == m_wallMs && latest == stamp->wallMs)
        advance(latest, std::max(m_counter, stamp->counter) + 1);
    else if (latest == m_wallMs)
        advance(latest, m_counter + 1);
    else if (latest == stamp->wallMs)
        advance(latest, stamp->counter + 1);
    else
        advance(latest, 0);
    return true;
}

} // namespace foyer::core
