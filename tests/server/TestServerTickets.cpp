#include "ServerFixture.h"
#include "TicketSigner.h"

#include <QCryptographicHash>
#include <QTest>

using namespace serverfixture;

// Ticket signatures with the venue's key: POST /v1/tickets/sign, GET /v1/ticket-key, foyer-server verify-ticket.
class TestServerTickets : public QObject
{
    Q_OBJECT

private:
    Stack m_stack;
    std::unique_ptr<ApiClient> m_api;
    QString m_bo, m_bea;

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
        m_bo = signIn(*m_api, QStringLiteral("bo")).token;
        m_bea = signIn(*m_api, QStringLiteral("bea")).token;
        QVERIFY(!m_bo.isEmpty() && !m_bea.isEmpty());
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
        QCOMPARE(out.trimmed(), QByteArray("valid: " + a.toLatin1()));
        QCOMPARE(verify(qr, &out, QStringLiteral("Venue A")), 0);
        QCOMPARE(verify(tickets.at(1).toObject().value(QStringLiteral("qr")).toString(), &out), 0);
        QCOMPARE(out.trimmed(), QByteArray("valid: " + b.toLatin1()));
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
