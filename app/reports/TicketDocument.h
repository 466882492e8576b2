#pragma once

#include "TicketSigner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>

class QPagedPaintDevice;

namespace foyer::reports {

// An order as its tickets and receipt print it.
struct TicketOrder
{
    struct Ticket
    {
        QString ticketId; // the order line's id
        QString showTitle;
        QDateTime performanceAt; // UTC; printed in local time
        QString hallName;
        QString seatLabel;
        QString priceTypeName;
        qint64 priceMinor = 0;
        QString payType;
    };
    QString venueName;
    QString confirmationNumber;
    QString patronName;
    QDateTime orderedAt; // UTC
    QList<Ticket> tickets;
    QMap<QString, qint64> paidByPayType;
    qint64 totalMinor = 0;
};

// Paints one page per ticket (show, time, hall, seat, price and a QR code of the signed ticket id), then the
// receipt. The same painting goes to a PDF (tests, email) or a QPrinter (the box office's ticket printer).
class TicketDocument
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::TicketDocument)
public:
    static bool render(QPagedPaintDevice* device, const TicketOrder& order, const security::TicketSigner& signer);
    static bool writePdf(const QString& path, const TicketOrder& order, const security::TicketSigner& signer);
};

} // namespace foyer::reports
