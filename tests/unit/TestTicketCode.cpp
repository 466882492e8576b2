// The QR format of tickets signed offline (docs/sync-protocol.md, "Ticket QR codes"), checked by core::TicketCode
// with real Ed25519 keys (libsodium): a workstation key certified by the venue signs FOYER2 tickets that verify with
// the venue's public key alone; a changed ticket id, a changed certificate, another venue's certificate, an expired
// or revoked one are refused; FOYER1 tickets the venue signed itself still verify.
#include "TicketCertificate.h"
#include "TicketCode.h"

#include <QTest>
#include <sodium.h>

using namespace foyer::core;

namespace {

struct KeyPair
{
    QByteArray publicKey = QByteArray(crypto_sign_PUBLICKEYBYTES, '\0');
    QByteArray secretKey = QByteArray(crypto_sign_SECRETKEYBYTES, '\0');
    KeyPair()
    {
        crypto_sign_keypair(reinterpret_cast<unsigned char*>(publicKey.data()),
                            reinterpret_cast<unsigned char*>(secretKey.data()));
    }
    QByteArray sign(const QByteArray& message) const
    {
        QByteArray signature(crypto_sign_BYTES, '\0');
        crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                             reinterpret_cast<const unsigned char*>(message.constData()),
                             static_cast<unsigned long long>(message.size()),
                             reinterpret_cast<const unsigned char*>(secretKey.constData()));
        return signature;
    }
};

const QString workstationId = QStringLiteral("0193a2c4-7d1e-7a00-8000-00000000a001");
const QString ticketId = QStringLiteral("0193a2c4-7d1e-7b00-8000-000000000042");
const QDateTime issued(QDate(2026, 1, 10), QTime(9, 0), Qt::UTC);

TicketCertificate certify(const KeyPair& venue, const KeyPair& workstation, const QString& id = workstationId)
{
    TicketCertificate c;
    c.venueKeyId = TicketCertificate::keyIdOf(venue.publicKey);
    c.workstationId = id;
    c.workstationPublicKey = workstation.publicKey;
    c.issuedAt = issued;
    c.expiresAt = issued.addDays(730);
    c.venueSignature = venue.sign(c.signedMessage());
    return c;
}

QString ticket(const KeyPair& workstation, const QString& certificate, const QString& id = ticketId)
{
    return TicketCode::workstationSigned(
        id, certificate, workstation.sign(TicketCode::workstationSignedMessage(id, certificate).toUtf8()));
}

} // namespace

class TestTicketCode : public QObject
{
    Q_OBJECT
    KeyPair m_venue;
    KeyPair m_workstation;
    const QDateTime m_now = issued.addDays(30);

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void certificateRoundTrips()
    {
        const TicketCertificate c = certify(m_venue, m_workstation);
        QCOMPARE(c.encoded().size(), TicketCertificate::encodedSize);
        const std::optional<TicketCertificate> back = TicketCertificate::decodeText(c.encodedText());
        QVERIFY(back);
        QCOMPARE(back->workstationId, workstationId);
        QCOMPARE(back->workstationPublicKey, m_workstation.publicKey);
        QCOMPARE(back->venueKeyId, TicketCertificate::keyIdOf(m_venue.publicKey));
        QCOMPARE(back->issuedAt, issued);
        QCOMPARE(back->expiresAt, issued.addDays(730));
        QVERIFY(back->isSignedBy(m_venue.publicKey));
        QVERIFY(!back->isSignedBy(KeyPair().publicKey));
        // Not a certificate: too short, another version, not base64url.
        QVERIFY(!TicketCertificate::decode(c.encoded().left(100)));
        QByteArray otherVersion = c.encoded();
        otherVersion[0] = 2;
        QVERIFY(!TicketCertificate::decode(otherVersion));
        QVERIFY(!TicketCertificate::decodeText(QStringLiteral("a+b/c=")));
        // A workstation id that is no UUID cannot be certified.
        TicketCertificate bad = c;
        bad.workstationId = QStringLiteral("A1");
        QVERIFY(bad.signedMessage().isEmpty());
    }

    void aWorkstationTicketVerifiesWithTheVenueKeyAlone()
    {
        const QString qr = ticket(m_workstation, certify(m_venue, m_workstation).encodedText());
        QVERIFY(qr.startsWith(QStringLiteral("FOYER2.") + ticketId + u'.'));
        // Small enough for a QR code a phone or door scanner reads at a glance (version 13 at error correction M).
        QVERIFY2(qr.size() <= 320, qPrintable(QString::number(qr.size())));
        const TicketCode::Verification v = TicketCode::verify(qr, m_venue.publicKey, m_now);
        QVERIFY2(v.valid(), qPrintable(v.problem));
        QCOMPARE(v.format, 2);
        QCOMPARE(v.ticketId, ticketId);
        QCOMPARE(v.certificate->workstationId, workstationId);
        // Spaces a scanner adds around the text do not matter.
        QVERIFY(TicketCode::verify(qr + u'\n', m_venue.publicKey, m_now).valid());
    }

    void aChangedTicketIdIsRefused()
    {
        const QString certificate = certify(m_venue, m_workstation).encodedText();
        QString qr = ticket(m_workstation, certificate);
        qr.replace(ticketId, QStringLiteral("0193a2c4-7d1e-7b00-8000-000000000043"));
        const TicketCode::Verification v = TicketCode::verify(qr, m_venue.publicKey, m_now);
        QVERIFY(!v.valid());
        QCOMPARE(v.problem, QStringLiteral("the signature does not match the certified workstation key"));
    }

    void aChangedCertificateIsRefused()
    {
        const TicketCertificate good = certify(m_venue, m_workstation);
        // Another workstation key slipped into the venue's certificate (and the ticket signed with it).
        const KeyPair thief;
        TicketCertificate swapped = good;
        swapped.workstationPublicKey = thief.publicKey;
        TicketCode::Verification v = TicketCode::verify(ticket(thief, swapped.encodedText()), m_venue.publicKey, m_now);
        QCOMPARE(v.problem, QStringLiteral("the workstation certificate is not signed by the venue's key"));
        // A later expiry.
        TicketCertificate longer = good;
        longer.expiresAt = good.expiresAt.addYears(10);
        v = TicketCode::verify(ticket(m_workstation, longer.encodedText()), m_venue.publicKey, m_now);
        QCOMPARE(v.problem, QStringLiteral("the workstation certificate is not signed by the venue's key"));
        // One character of the certificate's text.
        QString text = good.encodedText();
        text[40] = text.at(40) == u'A' ? u'B' : u'A';
        v = TicketCode::verify(ticket(m_workstation, text), m_venue.publicKey, m_now);
        QVERIFY(!v.valid());
        // Truncated.
        v = TicketCode::verify(ticket(m_workstation, good.encodedText().left(100)), m_venue.publicKey, m_now);
        QCOMPARE(v.problem, QStringLiteral("the workstation certificate is damaged"));
    }

    void anotherVenuesCertificateIsRefused()
    {
        const KeyPair otherVenue;
        const QString qr = ticket(m_workstation, certify(otherVenue, m_workstation).encodedText());
        const TicketCode::Verification v = TicketCode::verify(qr, m_venue.publicKey, m_now);
        QVERIFY(v.problem.startsWith(QStringLiteral("the workstation certificate is another venue's")));
        QVERIFY(TicketCode::verify(qr, otherVenue.publicKey, m_now).valid());
        // Another venue's key signing a certificate that claims to be ours.
        TicketCertificate forged = certify(otherVenue, m_workstation);
        forged.venueKeyId = TicketCertificate::keyIdOf(m_venue.publicKey);
        forged.venueSignature = otherVenue.sign(forged.signedMessage());
        QCOMPARE(TicketCode::verify(ticket(m_workstation, forged.encodedText()), m_venue.publicKey, m_now).problem,
                 QStringLiteral("the workstation certificate is not signed by the venue's key"));
    }

    void expiredAndRevokedCertificatesAreRefused()
    {
        const QString qr = ticket(m_workstation, certify(m_venue, m_workstation).encodedText());
        QVERIFY(TicketCode::verify(qr, m_venue.publicKey, issued.addDays(729)).valid());
        QVERIFY(
            TicketCode::verify(qr, m_venue.publicKey, issued.addDays(731)).problem.contains(QStringLiteral("expired")));
        const TicketCode::Verification v =
            TicketCode::verify(qr, m_venue.publicKey, m_now, {QStringLiteral("0193a2c4-0000-7000-8000-000000000000")});
        QVERIFY(v.valid());
        QVERIFY(TicketCode::verify(qr, m_venue.publicKey, m_now, {workstationId})
                    .problem.contains(QStringLiteral("revoked")));
    }

    void venueSignedTicketsStillVerify()
    {
        const QString qr = TicketCode::venueSigned(ticketId, m_venue.sign(ticketId.toUtf8()));
        const TicketCode::Verification v = TicketCode::verify(qr, m_venue.publicKey, m_now);
        QVERIFY2(v.valid(), qPrintable(v.problem));
        QCOMPARE(v.format, 1);
        QVERIFY(!TicketCode::verify(qr, KeyPair().publicKey, m_now).valid());
        // The venue's certificate signature is no ticket signature: "FOYER2.certificate." has a '.', ticket ids none.
        const TicketCertificate c = certify(m_venue, m_workstation);
        QVERIFY(!TicketCode::verify(TicketCode::venueSigned(QStringLiteral("x"), c.venueSignature), m_venue.publicKey,
                                    m_now)
                     .valid());
        QVERIFY(TicketCode::venueSigned(QStringLiteral("a.b"), c.venueSignature).isEmpty());
        for (const QString& text : {QStringLiteral("hello"), QStringLiteral("FOYER2.x.y"), QStringLiteral("FOYER1..x"),
                                    QStringLiteral("FOYER3.a.b.c")})
            QVERIFY(TicketCode::verify(text, m_venue.publicKey, m_now)
                        .problem.startsWith(QStringLiteral("not a Foyer ticket")));
    }
};

QTEST_GUILESS_MAIN(TestTicketCode)
#include "TestTicketCode.moc"
