#include "SeatMapView.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

namespace foyer::gui {

namespace {

constexpr double Pitch = 12.0;    // scene units per seat width
constexpr double SeatSize = 10.0; // leaves a gap between neighbours

} // namespace

SeatMapView::SeatMapView(QWidget* parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setBackgroundBrush(QColor(0xfa, 0xfa, 0xf7));
}

QColor SeatMapView::colorFor(State state)
{
    switch (state) {
    case State::Free:
        return QColor(0x4e, 0x9a, 0x06); // green: can be sold
    case State::MemberOnly:
        return QColor(0x75, 0x50, 0x7b); // plum: members of the level only
    case State::Held:
        return QColor(0xf5, 0x79, 0x00); // orange: in another open order
    case State::Sold:
        return QColor(0xba, 0xbd, 0xb6); // grey: gone
    case State::InOrder:
        return QColor(0x20, 0x4a, 0x87); // blue: in this order
    }
    return Qt::black;
}

QString SeatMapView::stateLabel(State state)
{
    switch (state) {
    case State::Free:
        return tr("Free");
    case State::MemberOnly:
        return tr("Member-only");
    case State::Held:
        return tr("Held");
    case State::Sold:
        return tr("Sold");
    case State::InOrder:
        return tr("In this order");
    }
    return {};
}

void SeatMapView::setSeats(const QList<core::SeatMap::Seat>& seats)
{
    scene()->clear();
    m_items.clear();
    m_indexById.clear();
    m_seats = seats;
    m_cursor = nullptr;
    m_current = seats.isEmpty() ? -1 : 0;
    // The stage along the top edge, so staff read the map the way the hall faces.
    double minX = 0, maxX = 0;
    for (const core::SeatMap::Seat& seat : seats) {
        minX = std::min(minX, seat.x);
        maxX = std::max(maxX, seat.x);
    }
    auto* stage = scene()->addRect(minX * Pitch, -3 * Pitch, (maxX - minX + 1) * Pitch, Pitch, QPen(Qt::NoPen),
                                   QColor(0x55, 0x57, 0x53));
    auto* stageText = scene()->addSimpleText(tr("STAGE"));
    stageText->setBrush(Qt::white);
    stageText->setPos(stage->rect().center() - stageText->boundingRect().center());
    for (int i = 0; i < seats.size(); ++i) {
        const core::SeatMap::Seat& seat = seats.at(i);
        auto* item = scene()->addRect(seat.x * Pitch, seat.y * Pitch, SeatSize, SeatSize, QPen(Qt::NoPen));
        item->setData(0, seat.id);
        m_items.append(item);
        m_indexById.insert(seat.id, i);
        paintSeat(i);
    }
    m_cursor = scene()->addRect(0, 0, SeatSize + 4, SeatSize + 4, QPen(QColor(0xcc, 0x00, 0x00), 2));
    m_cursor->setZValue(1);
    m_cursor->setVisible(m_current >= 0);
    moveCurrent(0, 0);
    m_userZoomed = false;
    fitHall();
}

void SeatMapView::setStates(const QHash<QString, State>& states)
{
    m_states = states;
    for (int i = 0; i < m_items.size(); ++i)
        paintSeat(i);
    describeCurrent();
}

SeatMapView::State SeatMapView::stateOf(const QString& seatId) const
{
    const int index = m_indexById.value(seatId, -1);
    if (index < 0)
        return State::Free;
    return m_states.value(seatId, m_seats.at(index).memberOnly ? State::MemberOnly : State::Free);
}

void SeatMapView::paintSeat(int index)
{
    const core::SeatMap::Seat& seat = m_seats.at(index);
    const State state = stateOf(seat.id);
    m_items.at(index)->setBrush(colorFor(state));
    m_items.at(index)->setToolTip(tr("%1 \u2014 %2").arg(seat.label(), stateLabel(state)));
}

QString SeatMapView::currentSeatId() const
{
    return m_current >= 0 && m_current < m_seats.size() ? m_seats.at(m_current).id : QString();
}

void SeatMapView::setCurrentSeat(const QString& seatId)
{
    if (m_indexById.contains(seatId)) {
        m_current = m_indexById.value(seatId);
        moveCurrent(0, 0);
    }
}

void SeatMapView::fitHall()
{
    if (!scene()->items().isEmpty())
        fitInView(scene()->itemsBoundingRect().adjusted(-Pitch, -Pitch, Pitch, Pitch), Qt::KeepAspectRatio);
}

void SeatMapView::moveCurrent(int dx, int dy)
{
    if (m_current < 0 || m_seats.isEmpty())
        return;
    if (dx != 0 || dy != 0) {
        // The nearest seat in the direction pressed: along a row for left/right, to the next row for up/down.
        const core::SeatMap::Seat& from = m_seats.at(m_current);
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < m_seats.size(); ++i) {
            const double ddx = m_seats.at(i).x - from.x;
            const double ddy = m_seats.at(i).y - from.y;
            const double along = dx != 0 ? ddx * dx : ddy * dy;
            const double across = dx != 0 ? std::abs(ddy) : std::abs(ddx);
            if (along <= 0.01)
                continue;
            const double score = along + across * 4;
            if (best < 0 || score < bestScore) {
                best = i;
                bestScore = score;
            }
        }
        if (best < 0)
            return;
        m_current = best;
    }
    const core::SeatMap::Seat& seat = m_seats.at(m_current);
    m_cursor->setRect(seat.x * Pitch - 2, seat.y * Pitch - 2, SeatSize + 4, SeatSize + 4);
    m_cursor->setVisible(true);
    ensureVisible(m_cursor);
    describeCurrent();
}

void SeatMapView::describeCurrent()
{
    const QString id = currentSeatId();
    if (id.isEmpty())
        return;
    // What a screen reader says as staff walk the map.
    setAccessibleDescription(tr("%1, %2").arg(m_seats.at(m_current).label(), stateLabel(stateOf(id))));
}

void SeatMapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        for (QGraphicsItem* item : items(event->position().toPoint())) {
            const QString id = item->data(0).toString();
            if (!id.isEmpty()) {
                setCurrentSeat(id);
                emit seatActivated(id);
                event->accept();
                return;
            }
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void SeatMapView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        moveCurrent(-1, 0);
        return;
    case Qt::Key_Right:
        moveCurrent(1, 0);
        return;
    case Qt::Key_Up:
        moveCurrent(0, -1);
        return;
    case Qt::Key_Down:
        moveCurrent(0, 1);
        return;
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!currentSeatId().isEmpty())
            emit seatActivated(currentSeatId());
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_userZoomed = true;
        scale(1.25, 1.25);
        return;
    case Qt::Key_Minus:
        m_userZoomed = true;
        scale(0.8, 0.8);
        return;
    case Qt::Key_0:
        m_userZoomed = false;
        fitHall();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void SeatMapView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fitHall();
}

void SeatMapView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        m_userZoomed = true;
        const double factor = event->angleDelta().y() > 0 ? 1.2 : 1 / 1.2;
        scale(factor, factor);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

} // namespace foyer::gui
