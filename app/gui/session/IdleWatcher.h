#pragma once

#include <QObject>
#include <QTimer>

namespace foyer::gui {

// Says when the application has had no keyboard or mouse input for a while: an event filter on the whole
// application (every window and dialog of it), restarting a timer on each input event.
class IdleWatcher : public QObject
{
    Q_OBJECT
public:
    explicit IdleWatcher(QObject* parent = nullptr);
    ~IdleWatcher() override;

    // 0 turns it off.
    void setInterval(int milliseconds);
    int interval() const { return m_interval; }
    // Starts counting again from now (after an unlock or a sign-in).
    void restart();
    void stop() { m_timer.stop(); }

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer m_timer;
    int m_interval = 0;
};

} // namespace foyer::gui
