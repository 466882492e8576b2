#include "ServerFixture.h"
#include "TicketCertificate.h"
#include "TicketCode.h"
#include "TicketSigner.h"

#include <QCryptographicHash>
#include <QTest>

using namespace serverfixture;

// Ticket signatures with the venue's key: POST /v1/tickets/sign, GET /v1/ticket-key, foyer-server verify-ticket; and
// workstation keys the venue certifies (at registration, POST /v1/workstations/ticket-certificate) so FOYER2 tickets
// signed offline verify with the venue's public key; revoked workstations' tickets are refused.
class TestServerTickets : public QObject
{
    Q_OBJECT

private:
    Stack m_stack;
    std::unique_ptr<ApiClient> m_api;
    QString m_bo, m_bea, m_admin, m_managerB;

    struct Registered
    {
        QString id;
        QString prefix;
        QJsonObject certificate; // the reply's ticket_certificate
    };
    Registered m_ws;    // Venue A's certified workstation
    QString m_wsTicket; // a ticket it signed

    Registered registerWith(const QString& token, const foyer::security::TicketSigner& key, const QString& name)
    {
        const auto r =
            m_api->post(QStringLiteral("/v1/workstations"),
                        {{QStringLiteral("database_id"), uuid()},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("ticket_public_key"), QString::fromLatin1(key.publicKey().toBase64())}},
                        token);
        if (r.status != 200)
            qWarning() << "registration:" << r.status << r.json;
        return {r.json.value(QStringLiteral("workstation_id")).toString(),
                r.json.value(QStringLiteral("prefix")).toString(),
                r.json.value(QStringLiteral("ticket_certificate")).toObject()};
    }

    QByteArray venuePublicKey(const QString& token)
    {
        return QByteArray::fromBase64(m_api->get(QStringLiteral("/v1/ticket-key"), token)
                                          .json.value(QStringLiteral("public_key"))
                                          .toString()
                                          .toLatin1());
    }

    // verify-ticket's exit code; its output goes to output.
    int verify(const QString& qr, QByteArray* output, const QString& venue = QString())
    {
        QStringList args{QStringLiteral("verify-ticket"), qr};
        if (!venue.isEmpty())
            args += {QStringLiteral("--venue"), venue};
        return m_stack.server->runCommand(args, {}, output);
    }

    QString signOne(const QString& token, const QString& ticketId)
    {
        const auto r = m_api->post(QStringLiteral("/v1/tickets/sign"),
                                   {{QStringLiteral("ticket_ids"), QJsonArray{ticketId}}}, token);
        return r.json.value(QStringLiteral("tickets"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("qr"))
            .toString();
    }

private slots:
    void initTestCase()
    {
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue A"), QStringLiteral("bo"), QStringLiteral("box_office")),
                 QString());
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue B"), QStringLiteral("bea"), QStringLiteral("development")),
                 QString());
        const QString s = m_stack.server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        m_api = std::make_unique<ApiClient>(m_stack.server->baseUrl(), m_stack.server->caCertificates());
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue A"), QStringLiteral("adm"), QStringLiteral("admin")),
                 QString());
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue B"), QStringLiteral("bman"), QStringLiteral("manager")),
                 QString());
        m_bo = signIn(*m_api, QStringLiteral("bo")).token;
        m_bea = signIn(*m_api, QStringLiteral("bea")).token;
        m_admin = signIn(*m_api, QStringLiteral("adm")).token;
        m_managerB = signIn(*m_api, QStringLiteral("bman")).token;
        QVERIFY(!m_bo.isEmpty() && !m_bea.isEmpty() && !m_admin.isEmpty() && !m_managerB.isEmpty());
    }

    void signAndVerify()
    {
        const QString a = uuid(), b = uuid();
        const auto r =
            m_api->post(QStringLiteral("/v1/tickets/sign"), {{QStringLiteral("ticket_ids"), QJsonArray{a, b}}}, m_bo);
        QCOMPARE(r.status, 200);
        const QJsonArray tickets = r.json.value(QStringLiteral("tickets")).toArray();
        QCOMPARE(tickets.size(), 2);
        QCOMPARE(tickets.at(0).toObject().value(QStringLiteral("ticket_id")).toString(), a);
        const QString qr = tickets.at(0).toObject().value(QStringLiteral("qr")).toString();
        QVERIFY(qr.startsWith(QStringLiteral("FOYER1.") + a + u'.'));

        // The ticket key endpoint: the public key the signature checks against, and its id.
        const auto key = m_api->get(QStringLiteral("/v1/ticket-key"), m_bo);
        QCOMPARE(key.status, 200);
        const QByteArray publicKey =
            QByteArray::fromBase64(key.json.value(QStringLiteral("public_key")).toString().toLatin1());
        QCOMPARE(publicKey.size(), 32);
        QCOMPARE(key.json.value(QStringLiteral("key_id")).toString(),
                 QString::fromLatin1(QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).toHex().left(16)));
        QCOMPARE(r.json.value(QStringLiteral("key_id")), key.json.value(QStringLiteral("key_id")));
        // The workstation's own verifier (what a door scanner runs) accepts it: the same QR format.
        QString id;
        QVERIFY(foyer::security::TicketSigner::verify(qr, publicKey, &id));
        QCOMPARE(id, a);

        QByteArray out;
        QCOMPARE(verify(qr, &out), 0);
        QCOMPARE(out.trimmed(), QByteArray("valid: " + a.toLatin1() + "\nsigned by the venue's key"));
        QCOMPARE(verify(qr, &out, QStringLiteral("Venue A")), 0);
        QCOMPARE(verify(tickets.at(1).toObject().value(QStringLiteral("qr")).toString(), &out), 0);
        QVERIFY(out.startsWith(QByteArray("valid: " + b.toLatin1() + '\n')));
    }

    void changedBytesAreInvalid()
    {
        const QString a = uuid();
        const QString qr = signOne(m_bo, a);
        QVERIFY(!qr.isEmpty());
        QByteArray out;
        // One character of the signature changed.
        QString badSignature = qr;
        const qsizetype at = qr.size() - 5;
        badSignature[at] = badSignature.at(at) == u'A' ? u'B' : u'A';
        QCOMPARE(verify(badSignature, &out), 1);
        QVERIFY2(out.startsWith("invalid: "), out.constData());
        // One character of the ticket id changed.
        QString badId = qr;
        const qsizetype idAt = QStringLiteral("FOYER1.").size() + 3;
        badId[idAt] = badId.at(idAt) == u'0' ? u'1' : u'0';
        QCOMPARE(verify(badId, &out), 1);
        QVERIFY(out.startsWith("invalid: the signature does not match"));
        // Not a ticket, a truncated signature, another prefix.
        QCOMPARE(verify(QStringLiteral("hello"), &out), 1);
        QVERIFY(out.startsWith("invalid: not a Foyer ticket"));
        QCOMPARE(verify(qr.left(qr.size() - 4), &out), 1);
        QVERIFY(out.startsWith("invalid: "));
        QCOMPARE(verify(QStringLiteral("FOYER2") + qr.mid(6), &out), 1);
        // Checked against venue B's key only, venue A's ticket is invalid.
        QCOMPARE(verify(qr, &out, QStringLiteral("Venue B")), 1);
        QCOMPARE(verify(qr, &out, QStringLiteral("No Such Venue")), 1);
    }

    void venuesSignWithTheirOwnKey()
    {
        const QString a = uuid();
        const QString fromB = signOne(m_bea, a); // any signed-in role signs, development too
        QVERIFY(!fromB.isEmpty());
        QVERIFY(fromB != signOne(m_bo, a));
        QByteArray out;
        QCOMPARE(verify(fromB, &out, QStringLiteral("Venue B")), 0);
        QCOMPARE(verify(fromB, &out, QStringLiteral("Venue A")), 1);
    }

    void registrationCertifiesTheWorkstationKey()
    {
        foyer::security::TicketSigner key(foyer::security::TicketSigner::generateSecretKeyHex());
        const Registered ws = registerWith(m_admin, key, QStringLiteral("Window 1"));
        QVERIFY(!ws.id.isEmpty());
        const std::optional<foyer::core::TicketCertificate> certificate =
            foyer::core::TicketCertificate::decodeText(ws.certificate.value(QStringLiteral("certificate")).toString());
        QVERIFY2(certificate, QJsonDocument(ws.certificate).toJson().constData());
        QCOMPARE(certificate->workstationId, ws.id);
        QCOMPARE(certificate->workstationPublicKey, key.publicKey());
        const QByteArray venueKey = venuePublicKey(m_admin);
        QVERIFY(certificate->isSignedBy(venueKey));
        QCOMPARE(ws.certificate.value(QStringLiteral("key_id")).toString(),
                 m_api->get(QStringLiteral("/v1/ticket-key"), m_bo).json.value(QStringLiteral("key_id")).toString());
        QCOMPARE(QString::fromLatin1(certificate->venueKeyId.toHex()),
                 ws.certificate.value(QStringLiteral("key_id")).toString());
        const qint64 days = certificate->issuedAt.daysTo(certificate->expiresAt);
        QCOMPARE(days, 730);
        QVERIFY(qAbs(certificate->issuedAt.secsTo(QDateTime::currentDateTimeUtc())) < 300);

        // The workstation signs a ticket on its own (no request): the server and a scanner with only the venue's
        // public key accept it, and say which workstation signed.
        QVERIFY(key.useCertificate(ws.certificate.value(QStringLiteral("certificate")).toString()));
        const QString ticketId = uuid();
        const QString qr = key.sign(ticketId);
        QVERIFY(qr.startsWith(QStringLiteral("FOYER2.") + ticketId + u'.'));
        const foyer::core::TicketCode::Verification scanned =
            foyer::core::TicketCode::verify(qr, venueKey, QDateTime::currentDateTimeUtc());
        QVERIFY2(scanned.valid(), qPrintable(scanned.problem));
        QByteArray out;
        QCOMPARE(verify(qr, &out), 0);
        const QByteArray expected = "valid: " + ticketId.toLatin1() + "\nsigned by workstation " +
                                    ws.prefix.toLatin1() + " (Window 1, " + ws.id.toLatin1() + ")";
        QVERIFY2(out.startsWith(expected), out.constData());
        QCOMPARE(verify(qr, &out, QStringLiteral("Venue A")), 0);

        // A changed ticket id, a changed certificate: refused.
        QString badId = qr;
        badId.replace(ticketId, uuid());
        QCOMPARE(verify(badId, &out), 1);
        QVERIFY2(out.startsWith("invalid: the signature does not match the certified workstation key"),
                 out.constData());
        const qsizetype certAt = qr.indexOf(u'.', 7) + 30;
        QString badCertificate = qr;
        badCertificate[certAt] = badCertificate.at(certAt) == u'A' ? u'B' : u'A';
        QCOMPARE(verify(badCertificate, &out), 1);
        QVERIFY2(out.startsWith("invalid: the workstation certificate"), out.constData());

        m_ws = ws;
        m_wsTicket = qr;
    }

    void anotherVenuesWorkstationIsRefused()
    {
        foyer::security::TicketSigner key(foyer::security::TicketSigner::generateSecretKeyHex());
        const Registered ws = registerWith(m_managerB, key, QStringLiteral("B window"));
        const QString certificate = ws.certificate.value(QStringLiteral("certificate")).toString();
        foyer::security::TicketSigner otherKey(foyer::security::TicketSigner::generateSecretKeyHex());
        QVERIFY(!otherKey.useCertificate(certificate)); // a certificate of another key is not taken
        QVERIFY(!otherKey.isCertified());
        QVERIFY(key.useCertificate(certificate));
        const QString qr = key.sign(uuid());
        QByteArray out;
        QCOMPARE(verify(qr, &out, QStringLiteral("Venue A")), 1);
        QVERIFY2(out.startsWith("invalid: the workstation certificate is another venue's"), out.constData());
        QVERIFY(!foyer::core::TicketCode::verify(qr, venuePublicKey(m_bo), QDateTime::currentDateTimeUtc()).valid());
        // Against every venue it is Venue B's, and valid.
        QCOMPARE(verify(qr, &out), 0);
        QVERIFY2(out.contains(QByteArray("signed by workstation " + ws.prefix.toLatin1() + " (B window")),
                 out.constData());
    }

    void aRegisteredWorkstationGetsACertificate()
    {
        QVERIFY(!m_ws.id.isEmpty());
        // A session of the registered workstation (any role) asks for a certificate of its key.
        const QString token = signIn(*m_api, QStringLiteral("bo"), m_ws.id).token;
        const foyer::security::TicketSigner key(foyer::security::TicketSigner::generateSecretKeyHex());
        const QJsonObject body{{QStringLiteral("ticket_public_key"), QString::fromLatin1(key.publicKey().toBase64())}};
        const auto r = m_api->post(QStringLiteral("/v1/workstations/ticket-certificate"), body, token);
        QCOMPARE(r.status, 200);
        const auto certificate =
            foyer::core::TicketCertificate::decodeText(r.json.value(QStringLiteral("ticket_certificate"))
                                                           .toObject()
                                                           .value(QStringLiteral("certificate"))
                                                           .toString());
        QVERIFY(certificate);
        QCOMPARE(certificate->workstationId, m_ws.id);
        QCOMPARE(certificate->workstationPublicKey, key.publicKey());
        // A session of no workstation, no session, a key that is none.
        QCOMPARE(m_api->post(QStringLiteral("/v1/workstations/ticket-certificate"), body, m_bo).status, 403);
        QCOMPARE(m_api->post(QStringLiteral("/v1/workstations/ticket-certificate"), body).status, 401);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/workstations/ticket-certificate"),
                            {{QStringLiteral("ticket_public_key"), QStringLiteral("AAAA")}}, token)
                     .status,
                 400);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/workstations"),
                            {{QStringLiteral("database_id"), uuid()}, {QStringLiteral("ticket_public_key"), 42}},
                            m_admin)
                     .status,
                 400);
    }

    void aRevokedWorkstationsTicketsAreRefused()
    {
        QVERIFY(!m_wsTicket.isEmpty());
        QByteArray out;
        QCOMPARE(verify(m_wsTicket, &out), 0);
        // Only an admin of the venue revokes.
        const QString revokePath = QStringLiteral("/v1/workstations/%1/revoke").arg(m_ws.id);
        QCOMPARE(m_api->post(revokePath, {}, m_bo).status, 403);
        QCOMPARE(m_api->post(QStringLiteral("/v1/workstations/%1/revoke").arg(uuid()), {}, m_admin).status, 404);
        const auto revoked = m_api->post(revokePath, {}, m_admin);
        QCOMPARE(revoked.status, 200);
        QVERIFY(!revoked.json.value(QStringLiteral("revoked_at")).toString().isEmpty());

        QCOMPARE(verify(m_wsTicket, &out), 1);
        QVERIFY2(out.startsWith(QByteArray("invalid: workstation " + m_ws.id.toLatin1() + " is revoked")),
                 out.constData());
        // Scanners learn it from the ticket key endpoint, and refuse it with the venue key alone.
        const auto key = m_api->get(QStringLiteral("/v1/ticket-key"), m_bo);
        QCOMPARE(key.json.value(QStringLiteral("revoked_workstations")).toArray(), QJsonArray{m_ws.id});
        QSet<QString> revokedIds;
        for (const QJsonValue& id : key.json.value(QStringLiteral("revoked_workstations")).toArray())
            revokedIds.insert(id.toString());
        const QByteArray venueKey =
            QByteArray::fromBase64(key.json.value(QStringLiteral("public_key")).toString().toLatin1());
        QVERIFY(foyer::core::TicketCode::verify(m_wsTicket, venueKey, QDateTime::currentDateTimeUtc()).valid());
        QVERIFY(foyer::core::TicketCode::verify(m_wsTicket, venueKey, QDateTime::currentDateTimeUtc(), revokedIds)
                    .problem.contains(QStringLiteral("revoked")));
        // Venue B lists none of it.
        QCOMPARE(m_api->get(QStringLiteral("/v1/ticket-key"), m_managerB)
                     .json.value(QStringLiteral("revoked_workstations"))
                     .toArray(),
                 QJsonArray());
        // No new certificate for it.
        const QString token = signIn(*m_api, QStringLiteral("bo"), m_ws.id).token;
        const foyer::security::TicketSigner fresh(foyer::security::TicketSigner::generateSecretKeyHex());
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/workstations/ticket-certificate"),
                            {{QStringLiteral("ticket_public_key"), QString::fromLatin1(fresh.publicKey().toBase64())}},
                            token)
                     .status,
                 403);
    }

    void refusals()
    {
        QCOMPARE(m_api->post(QStringLiteral("/v1/tickets/sign"), {{QStringLiteral("ticket_ids"), QJsonArray{uuid()}}})
                     .status,
                 401);
        QCOMPARE(m_api->post(QStringLiteral("/v1/tickets/sign"), {{QStringLiteral("ticket_ids"), QJsonArray{}}}, m_bo)
                     .status,
                 400);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/tickets/sign"),
                            {{QStringLiteral("ticket_ids"), QJsonArray{QStringLiteral("a.b")}}}, m_bo)
                     .status,
                 400);
        QCOMPARE(m_api->post(QStringLiteral("/v1/tickets/sign"), {{QStringLiteral("ticket_ids"), QJsonArray{42}}}, m_bo)
                     .status,
                 400);
        QJsonArray many;
        for (int i = 0; i < 1001; ++i)
            many.append(uuid());
        QCOMPARE(m_api->post(QStringLiteral("/v1/tickets/sign"), {{QStringLiteral("ticket_ids"), many}}, m_bo).status,
                 400);
        many.removeLast();
        const auto r = m_api->post(QStringLiteral("/v1/tickets/sign"), {{QStringLiteral("ticket_ids"), many}}, m_bo);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("tickets")).toArray().size(), 1000);
    }
};

QTEST_GUILESS_MAIN(TestServerTickets)
#include "TestServerTickets.moc"
