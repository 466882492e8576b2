// Tickets and receipt to PDF: pdftotext (poppler-utils) finds the performance, seat and confirmation number; the QR
// code, rendered with pdftoppm and read with zbarimg (zbar-tools), carries a ticket id whose signature verifies, and a
// tampered one does not.
#include "TicketDocument.h"
#include "TicketSigner.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace foyer;

namespace {

QString run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qWarning() << program << "failed:" << process.readAllStandardError();
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestTicketsPdf : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void ticketsCarryASignedIdThatVerifies()
    {
        const security::TicketSigner signer(security::TicketSigner::generateSecretKeyHex());
        QVERIFY(signer.isValid());
        reports::TicketOrder order;
        order.venueName = QStringLiteral("Harbour Theatre");
        order.confirmationNumber = QStringLiteral("3F9A0C-000127");
        order.patronName = QStringLiteral("Ada Lovelace");
        order.orderedAt = QDateTime::currentDateTimeUtc();
        order.tickets = {{QStringLiteral("01a21d00-0000-7000-8000-000000000001"), QStringLiteral("The Tempest"),
                          QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC), QStringLiteral("Main Stage"),
                          QStringLiteral("Stalls H12"), QStringLiteral("Adult"), 4500, QStringLiteral("credit_card")},
                         {QStringLiteral("01a21d00-0000-7000-8000-000000000002"), QStringLiteral("The Tempest"),
                          QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC), QStringLiteral("Main Stage"),
                          QStringLiteral("Stalls H13"), QStringLiteral("Member"), 0, QStringLiteral("membership")}};
        order.paidByPayType = {{QStringLiteral("credit_card"), 4500}};
        order.totalMinor = 4500;
        const QString pdf = m_dir.filePath(QStringLiteral("tickets.pdf"));
        QVERIFY(reports::TicketDocument::writePdf(pdf, order, signer));

        const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY2(text.contains(QStringLiteral("The Tempest")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Stalls H12")));
        QVERIFY(text.contains(QStringLiteral("Stalls H13")));
        QVERIFY(text.contains(QStringLiteral("3F9A0C-000127")));
        QVERIFY(text.contains(QStringLiteral("Receipt")));
        QCOMPARE(run(QStringLiteral("pdfinfo"), {pdf}).contains(QStringLiteral("Pages:           3")), true);

        // The venue's name stands clear of the dashed cutting line (it touched it): pdftotext -bbox gives the word's
        // box in points, and the line runs a twentieth of the page's width in from each edge.
        const QString boxes =
            run(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), QStringLiteral("-f"), QStringLiteral("1"),
                                              QStringLiteral("-l"), QStringLiteral("1"), pdf, QStringLiteral("-")});
        const QRegularExpression pageBox(QStringLiteral("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\""));
        const QRegularExpression venueBox(QStringLiteral(
            "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"[0-9.]+\">HARBOUR</word>"));
        const auto pageMatch = pageBox.match(boxes);
        const auto venueMatch = venueBox.match(boxes);
        QVERIFY2(pageMatch.hasMatch() && venueMatch.hasMatch(), qPrintable(boxes));
        const double line = pageMatch.captured(1).toDouble() / 20;
        const double clearance = pageMatch.captured(1).toDouble() / 80; // about 5 pt on A6
        QVERIFY2(venueMatch.captured(1).toDouble() - line >= clearance, qPrintable(venueMatch.captured(0)));
        QVERIFY2(venueMatch.captured(2).toDouble() - line >= clearance, qPrintable(venueMatch.captured(0)));

        // Page 1's QR code, read back as a door scanner would.
        const QString image = m_dir.filePath(QStringLiteral("page"));
        run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-png"),
                                         QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                         QStringLiteral("1"), QStringLiteral("-singlefile"), pdf, image});
        const QString scanned = run(QStringLiteral("zbarimg"),
                                    {QStringLiteral("--raw"), QStringLiteral("-q"), image + QStringLiteral(".png")})
                                    .trimmed();
        QVERIFY2(scanned.startsWith(QStringLiteral("FOYER1.")), qPrintable(scanned));
        QString ticketId;
        QVERIFY(security::TicketSigner::verify(scanned, signer.publicKey(), &ticketId));
        QCOMPARE(ticketId, order.tickets.constFirst().ticketId);

        // Tampering with the id (a copied ticket for another seat) or the signature is caught.
        QString tampered = scanned;
        tampered.replace(QStringLiteral("000000000001"), QStringLiteral("000000000009"));
        QVERIFY(!security::TicketSigner::verify(tampered, signer.publicKey()));
        QString badSignature = scanned;
        badSignature[badSignature.size() - 3] = badSignature.at(badSignature.size() - 3) == u'A' ? u'B' : u'A';
        QVERIFY(!security::TicketSigner::verify(badSignature, signer.publicKey()));
        // Another venue's key does not verify ours.
        const security::TicketSigner other(security::TicketSigner::generateSecretKeyHex());
        QVERIFY(!security::TicketSigner::verify(scanned, other.publicKey()));
    }
};

QTEST_MAIN(TestTicketsPdf)
#include "TestTicketsPdf.moc"
