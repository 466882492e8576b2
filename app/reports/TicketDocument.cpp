#include "TicketDocument.h"

#include "Clock.h"
#include "MoneyFormat.h"
#include "PayType.h"
#include "QrCode.h"

#include <QPainter>
#include <QPdfWriter>

namespace foyer::reports {

namespace {

// The venue's wall-clock time: when the patron must be there.
QString localTime(const QDateTime& utc)
{
    return QLocale().toString(core::Clock::atVenue(utc), QStringLiteral("ddd d MMM yyyy, HH:mm"));
}

} // namespace

bool TicketDocument::render(QPagedPaintDevice* device, const TicketOrder& order, const security::TicketSigner& signer)
{
    if (!signer.isValid())
        return false;
    QPainter painter;
    if (!painter.begin(device))
        return false;
    const QRect page = painter.viewport();
    const int margin = page.width() / 20;
    const QRect area = page.adjusted(margin, margin, -margin, -margin);
    QFont title = painter.font();
    title.setPointSizeF(16);
    title.setBold(true);
    QFont body = painter.font();
    body.setPointSizeF(10);
    QFont small = painter.font();
    small.setPointSizeF(7);

    bool first = true;
    for (const TicketOrder::Ticket& ticket : order.tickets) {
        if (!first)
            device->newPage();
        first = false;
        // Left: what the usher reads; right: the QR code the door scanner reads.
        // Everything sits inside the dashed cutting line with room around it: the venue's name no longer touches it.
        const QRect inside = area.adjusted(margin / 2, margin / 2, -margin / 2, -margin / 2);
        const int qrSide = inside.height() * 2 / 3;
        const QRect qrRect(inside.right() - qrSide, inside.top() + (inside.height() - qrSide) / 2, qrSide, qrSide);
        const QRect text(inside.left(), inside.top(), inside.width() - qrSide - margin, inside.height());
        painter.setFont(small);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignTop, order.venueName.toUpper());
        painter.setFont(title);
        const int lineHeight = painter.fontMetrics().height();
        painter.drawText(text.adjusted(0, lineHeight, 0, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                         ticket.showTitle);
        painter.setFont(body);
        const QStringList lines = {
            localTime(ticket.performanceAt),
            ticket.hallName,
            tr("Seat %1").arg(ticket.seatLabel),
            tr("%1 \u00b7 %2").arg(ticket.priceTypeName, core::MoneyFormat::amount(ticket.priceMinor)),
            tr("Confirmation %1").arg(order.confirmationNumber),
            order.patronName};
        painter.drawText(text.adjusted(0, lineHeight * 3, 0, 0), Qt::AlignLeft | Qt::AlignTop, lines.join(u'\n'));
        const QImage qr = QrCode::encode(signer.sign(ticket.ticketId));
        if (qr.isNull()) {
            painter.end();
            return false;
        }
        // Scaled here by a whole factor without smoothing, so every module stays a crisp square whatever the PDF
        // viewer or printer does with images.
        const int factor = std::max(1, qrSide / qr.width());
        const QImage sharp =
            qr.scaled(qr.width() * factor, qr.height() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
        painter.drawImage(QRect(qrRect.topLeft(), sharp.size()), sharp);
        painter.setPen(QPen(Qt::gray, 1, Qt::DashLine));
        painter.drawRect(area);
        painter.setPen(Qt::black);
    }

    // The receipt.
    if (!first)
        device->newPage();
    painter.setFont(title);
    int y = area.top();
    const auto line = [&](const QString& left, const QString& right, const QFont& font) {
        painter.setFont(font);
        const int h = painter.fontMetrics().height();
        if (y + h > area.bottom()) {
            device->newPage();
            y = area.top();
        }
        painter.drawText(QRect(area.left(), y, area.width(), h), Qt::AlignLeft | Qt::AlignVCenter, left);
        painter.drawText(QRect(area.left(), y, area.width(), h), Qt::AlignRight | Qt::AlignVCenter, right);
        y += h;
    };
    line(tr("Receipt"), order.venueName, title);
    line(tr("Confirmation %1").arg(order.confirmationNumber), localTime(order.orderedAt), body);
    line(order.patronName, QString(), body);
    y += margin / 2;
    for (const TicketOrder::Ticket& ticket : order.tickets)
        line(tr("%1, %2, seat %3 (%4)")
                 .arg(ticket.showTitle, localTime(ticket.performanceAt), ticket.seatLabel,
                      core::PayType::label(ticket.payType)),
             core::MoneyFormat::amount(ticket.priceMinor), small);
    y += margin / 2;
    for (auto it = order.paidByPayType.cbegin(); it != order.paidByPayType.cend(); ++it)
        line(tr("Paid by %1").arg(core::PayType::label(it.key())), core::MoneyFormat::amount(it.value()), body);
    QFont bold = body;
    bold.setBold(true);
    line(tr("Total"), core::MoneyFormat::amount(order.totalMinor), bold);
    return painter.end();
}

bool TicketDocument::writePdf(const QString& path, const TicketOrder& order, const security::TicketSigner& signer)
{
    QPdfWriter writer(path);
    writer.setTitle(tr("Tickets %1").arg(order.confirmationNumber));
    writer.setCreator(QStringLiteral("Foyer"));
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A6));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    return render(&writer, order, signer);
}

} // namespace foyer::reports
