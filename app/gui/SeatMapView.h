#pragma once

#include "SeatMap.h"

#include <QGraphicsView>
#include <QHash>

class QGraphicsRectItem;

namespace foyer::gui {

// A performance's hall drawn seat by seat: free, member-only, held, sold and in-this-order seats in distinct colours.
// Click a seat, or walk the map with the arrow keys and press Space or Enter, to add or drop it; the view zooms to fit
// the hall (Ctrl+wheel or +/- zoom, 0 fits again).
class SeatMapView : public QGraphicsView
{
    Q_OBJECT
public:
    enum class State
    {
        Free,
        MemberOnly,
        Held,
        Sold,
        InOrder
    };

    explicit SeatMapView(QWidget* parent = nullptr);

    void setSeats(const QList<core::SeatMap::Seat>& seats);
    // States of the seats that are not plainly free (a member-only seat is MemberOnly unless held, sold or chosen).
    void setStates(const QHash<QString, State>& states);
    State stateOf(const QString& seatId) const;
    QString currentSeatId() const;
    void setCurrentSeat(const QString& seatId);
    void fitHall();

    static QColor colorFor(State state);
    static QString stateLabel(State state);

signals:
    void seatActivated(const QString& seatId);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void moveCurrent(int dx, int dy);
    void paintSeat(int index);
    void describeCurrent();

    QList<core::SeatMap::Seat> m_seats;
    QList<QGraphicsRectItem*> m_items;
    QHash<QString, int> m_indexById;
    QHash<QString, State> m_states;
    QGraphicsRectItem* m_cursor = nullptr;
    int m_current = -1;
    bool m_userZoomed = false;
};

} // namespace foyer::gui
