#pragma once

#include <QString>
#include <optional>

namespace foyer::core {

// A hybrid logical clock (Kulkarni et al.): the wall clock in UTC milliseconds, a counter for events within one
// millisecond (or while the wall clock lags a clock seen from elsewhere), and the node that made it. Its text form,
// MMMMMMMMMMMMMMM-CCCCCC-<node> (15-digit milliseconds, 6-digit counter), compares as text: later is greater.
// Pure: the caller passes the wall clock in and keeps the state (sync_state on a workstation).
class HybridLogicalClock
{
public:
    static constexpr int CounterDigits = 6;
    static constexpr int MillisecondDigits = 15;
    static constexpr qint64 MaxCounter = 999999;
    static constexpr qint64 MaxMilliseconds = 999999999999999;

    struct Stamp
    {
        qint64 wallMs = 0;
        qint64 counter = 0;
        QString node;

        QString toText() const;
        // Parses the text form; a malformed one is nullopt with the reason in error.
        static std::optional<Stamp> parse(const QString& text, QString* error);
        friend bool operator==(const Stamp&, const Stamp&) = default;
    };

    explicit HybridLogicalClock(QString node, qint64 wallMs = 0, qint64 counter = 0);

    // A local event at this wall clock: later than every clock this one has made or observed.
    QString now(qint64 wallMs);
    // A clock received from elsewhere: this clock moves past it, so the next now() is later than it. A malformed
    // text leaves the clock unchanged and returns false with the reason in error.
    bool observe(const QString& remote, qint64 wallMs, QString* error);

    qint64 wallMs() const { return m_wallMs; }
    qint64 counter() const { return m_counter; }
    QString node() const { return m_node; }
    void setNode(const QString& node) { m_node = node; }
    // The last clock made or observed, with this node (what a workstation persists between events).
    Stamp state() const { return {m_wallMs, m_counter, m_node}; }

private:
    void advance(qint64 wallMs, qint64 counter);

    QString m_node;
    qint64 m_wallMs = 0;
    qint64 m_counter = 0;
};

} // namespace foyer::core
