#include "LinkTokens.h"
#include "ServerFixture.h"
#include "SmtpSink.h"
#include "StaffAccounts.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QTest>
#include <QThread>
#include <QUrlQuery>
#include <signal.h>

using namespace serverfixture;

// The single-use links foyer-server mails (a member's set-your-password link, a monthly gift's management link),
// through a real SMTP server (aiosmtpd) and a real PostgreSQL: the token in the received email redeems once, its
// change syncs to workstations; and a message whose delivery is unknown is not sent again blindly.
class TestServerLinks : public QObject
{
    Q_OBJECT

private:
    PostgresCluster m_pg;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_api;
    SmtpSink m_sink;
    QString m_ws;
    QString m_bo; // token of Kim, box office
    QString m_boId;
    qint64 m_now = 1764611200000;
    const QString m_portal = QStringLiteral("https://portal.venue.example/foyer");
    const QString m_staffEmail = QStringLiteral("kim@venue.example");
    const QString m_memberEmail = QStringLiteral("member@example.org");
    const QString m_donorEmail = QStringLiteral("donor@example.org");
    QString m_patron;
    QString m_membership;
    QString m_gift;
    int m_patronNumber = 10001;

    QString nextClock() { return clock(++m_now, 0, QStringLiteral("ws-links")); }
    QSqlDatabase db() { return QSqlDatabase::database(QStringLiteral("check")); }

    QString smtp(int port, int timeoutSeconds = 10)
    {
        return QStringLiteral("[smtp]\nenabled=false\nhost=127.0.0.1\nport=%1\nsecurity=none\nfrom_address=box-office@"
                              "venue.example\nfrom_name=Venue A Box Office\ntimeout_seconds=%2\nretry_seconds=0\n")
            .arg(port)
            .arg(timeoutSeconds);
    }

    // The [smtp] and [portal] sections of the server's configuration, replaced.
    void setMail(const QString& sections)
    {
        QFile file(m_server->configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(file.readAll());
        file.close();
        const qsizetype at = text.indexOf(QLatin1String("[smtp]"));
        if (at >= 0)
            text.truncate(at);
        text += sections;
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
    }

    QString portal() { return QStringLiteral("[portal]\nbase_url=%1/\n").arg(m_portal); }

    void startSink(int stallSeconds = 0, int timeoutSeconds = 10)
    {
        SmtpSink::Options options;
        options.stallSeconds = stallSeconds;
        const QString sink = m_sink.start(options);
        QVERIFY2(sink.isEmpty(), qPrintable(sink));
        setMail(smtp(m_sink.port(), timeoutSeconds) + portal());
    }

    int sendMail(QByteArray* out = nullptr)
    {
        QByteArray log;
        const int code = m_server->runCommand({QStringLiteral("send-mail"), QStringLiteral("--once")}, {}, &log);
        if (out)
            *out = log;
        if (code != 0)
            qWarning("send-mail: %s", log.constData());
        return code;
    }

    bool pushChanges(const QJsonArray& changes)
    {
        const auto r = m_api->post(QStringLiteral("/v1/push"),
                                   pushBody(m_ws, QJsonArray{operation(uuid(), nextClock(), m_boId, changes)}), m_bo);
        const bool ok =
            r.status == 200 &&
            r.json.value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("status")) ==
                QStringLiteral("applied");
        if (!ok)
            qWarning("push: %d %s", r.status, r.raw.constData());
        return ok;
    }

    // Pushes an email_request as ChangeLog writes it (details are the change's payload); the row's id.
    QString queueEmail(const QString& recipient, const QString& templateName, QJsonObject details)
    {
        const QString id = uuid();
        details.insert(QStringLiteral("to"), recipient);
        details.insert(QStringLiteral("template"), templateName);
        const QJsonObject fields{
            {QStringLiteral("id"), id},
            {QStringLiteral("recipient"), recipient},
            {QStringLiteral("template"), templateName},
            {QStringLiteral("details"), QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))},
            {QStringLiteral("created_at"), QStringLiteral("2026-12-01T17:40:00.000Z")}};
        if (!pushChanges({change(QStringLiteral("email_request"), id, QStringLiteral("insert"), fields)}))
            return QString();
        return id;
    }

    // What MemberImportRepository queues for a member without a password.
    QString queueSetPassword()
    {
        return queueEmail(m_memberEmail, QStringLiteral("member_set_password"),
                          {{QStringLiteral("membership_id"), m_membership}});
    }

    // What PatronActivityRepository::queueManagementLink queues.
    QString queueManagementLink(const QString& giftId)
    {
        return queueEmail(m_donorEmail, QStringLiteral("recurring_donation_management_link"),
                          {{QStringLiteral("recurring_donation_id"), giftId},
                           {QStringLiteral("id"), uuid()},
                           {QStringLiteral("from"), m_staffEmail},
                           {QStringLiteral("from_name"), QStringLiteral("Kim Lee")},
                           {QStringLiteral("reply_to"), m_staffEmail},
                           {QStringLiteral("subject"), QStringLiteral("Manage your monthly donation")},
                           {QStringLiteral("body"), QStringLiteral("A link to change or cancel your monthly donation "
                                                                   "(sent by the server).")}});
    }

    // The current row of table/id as a workstation pulls it, and its change sequence number.
    QJsonObject pulled(const QString& table, const QString& id, qint64* seq = nullptr)
    {
        bool ok = false;
        QJsonObject found;
        for (const QJsonObject& c : pullAll(*m_api, m_bo, 5000, &ok)) {
            if (c.value(QStringLiteral("table")).toString() == table &&
                c.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString() == id) {
                found = c.value(QStringLiteral("row")).toObject();
                if (seq)
                    *seq = c.value(QStringLiteral("seq")).toInteger();
            }
        }
        if (!ok)
            qWarning("pull failed");
        return found;
    }

    // The link and its token in the body of the last message received.
    QString tokenIn(const QJsonObject& message, const QString& page)
    {
        const QRegularExpression link(QRegularExpression::escape(m_portal + u'/' + page) +
                                      QStringLiteral("#token=([A-Za-z0-9_-]{43})\\n"));
        const auto match = link.match(message.value(QStringLiteral("body")).toString());
        return match.hasMatch() ? match.captured(1) : QString();
    }

    ApiClient::Reply setPassword(const QString& token, const QString& password)
    {
        return m_api->post(QStringLiteral("/v1/links/set-password"),
                           {{QStringLiteral("token"), token}, {QStringLiteral("password"), password}});
    }

    ApiClient::Reply giftSummary(const QString& token)
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("token"), token);
        return m_api->get(QStringLiteral("/v1/links/recurring?") + query.toString(QUrl::FullyEncoded));
    }

    ApiClient::Reply cancelGift(const QString& token, const QString& reason)
    {
        return m_api->post(QStringLiteral("/v1/links/recurring"), {{QStringLiteral("token"), token},
                                                                   {QStringLiteral("action"), QStringLiteral("cancel")},
                                                                   {QStringLiteral("reason"), reason}});
    }

    QString newGift()
    {
        const QString id = uuid();
        if (!pushChanges({change(QStringLiteral("recurring_donation"), id, QStringLiteral("insert"),
                                 {{QStringLiteral("id"), id},
                                  {QStringLiteral("patron_id"), m_patron},
                                  {QStringLiteral("fund_id"), m_fund},
                                  {QStringLiteral("amount_minor"), 2500},
                                  {QStringLiteral("frequency"), QStringLiteral("monthly")},
                                  {QStringLiteral("term_months"), QJsonValue::Null},
                                  {QStringLiteral("starts_on"), QStringLiteral("2026-12-01")},
                                  {QStringLiteral("status"), QStringLiteral("active")},
                                  {QStringLiteral("cancel_reason"), QJsonValue::Null},
                                  {QStringLiteral("created_at"), QStringLiteral("2026-12-01T17:40:00.000Z")},
                                  {QStringLiteral("updated_at"), QStringLiteral("2026-12-01T17:40:00.000Z")},
                                  {QStringLiteral("deleted_at"), QJsonValue::Null}})}))
            return QString();
        return id;
    }

    qint64 count(const QString& sql) { return countOf(QStringLiteral("check"), sql); }

    QString m_fund;

private slots:
    void initTestCase()
    {
        const QString started = m_pg.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QCOMPARE(m_pg.createDatabase(QStringLiteral("foyer")), QString());
        m_server = std::make_unique<ServerProcess>(m_pg.host(), m_pg.port(), QStringLiteral("foyer"), m_pg.user());
        QByteArray out;
        QVERIFY2(m_server->runCommand({QStringLiteral("migrate")}, {}, &out) == 0, out.constData());
        for (const auto& [name, role] : {std::pair{QStringLiteral("ada"), QStringLiteral("admin")},
                                         std::pair{QStringLiteral("kim"), QStringLiteral("box_office")}}) {
            QVERIFY2(m_server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"),
                                           QStringLiteral("Venue A"), QStringLiteral("--username"), name,
                                           QStringLiteral("--role"), role},
                                          password + '\n', &out) == 0,
                     out.constData());
        }
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
        check.setHostName(m_pg.host());
        check.setPort(m_pg.port());
        check.setUserName(m_pg.user());
        check.setDatabaseName(QStringLiteral("foyer"));
        QVERIFY2(check.open(), qPrintable(check.lastError().text()));
        QSqlQuery q(db());
        q.prepare(QStringLiteral("UPDATE staff SET email = ?, display_name = 'Kim Lee' WHERE username = 'kim'"));
        q.addBindValue(m_staffEmail);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

        startSink();
        const QString s = m_server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        m_api = std::make_unique<ApiClient>(m_server->baseUrl(), m_server->caCertificates());
        const SignedIn admin = signIn(*m_api, QStringLiteral("ada"));
        const auto r =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), uuid()}}, admin.token);
        QCOMPARE(r.status, 200);
        m_ws = r.json.value(QStringLiteral("workstation_id")).toString();
        m_patronNumber =
            r.json.value(QStringLiteral("patron_numbers")).toObject().value(QStringLiteral("first")).toInt();
        const SignedIn kim = signIn(*m_api, QStringLiteral("kim"), m_ws);
        QVERIFY(!kim.token.isEmpty());
        m_bo = kim.token;
        m_boId = kim.staffId;

        // A level (admin's venue setup), then a patron with a membership, a fund and a monthly gift.
        const QString level = uuid();
        const auto setup = m_api->post(
            QStringLiteral("/v1/push"),
            pushBody(m_ws, QJsonArray{operation(
                               uuid(), nextClock(), admin.staffId,
                               QJsonArray{change(QStringLiteral("benefit_level"), level, QStringLiteral("insert"),
                                                 {{QStringLiteral("id"), level},
                                                  {QStringLiteral("name"), QStringLiteral("Friend")}})})}),
            admin.token);
        QCOMPARE(setup.status, 200);
        m_patron = uuid();
        m_membership = uuid();
        m_fund = uuid();
        QVERIFY(pushChanges(
            {change(QStringLiteral("patron"), m_patron, QStringLiteral("insert"),
                    {{QStringLiteral("id"), m_patron},
                     {QStringLiteral("patron_number"), m_patronNumber},
                     {QStringLiteral("first_name"), QStringLiteral("Mina")},
                     {QStringLiteral("last_name"), QStringLiteral("Harker")}}),
             change(QStringLiteral("membership"), m_membership, QStringLiteral("insert"),
                    {{QStringLiteral("id"), m_membership},
                     {QStringLiteral("membership_number"), QStringLiteral("M-2001")},
                     {QStringLiteral("patron_id"), m_patron},
                     {QStringLiteral("benefit_level_id"), level},
                     {QStringLiteral("valid_from"), QStringLiteral("2026-09-01")},
                     {QStringLiteral("member_email"), m_memberEmail},
                     {QStringLiteral("password_hash"), QJsonValue::Null},
                     {QStringLiteral("deleted_at"), QJsonValue::Null}}),
             change(QStringLiteral("fund"), m_fund, QStringLiteral("insert"),
                    {{QStringLiteral("id"), m_fund}, {QStringLiteral("name"), QStringLiteral("Education Fund")}})}));
        m_gift = newGift();
        QVERIFY(!m_gift.isEmpty());
    }

    void cleanupTestCase()
    {
        if (qEnvironmentVariableIsSet("FOYER_SERVER_LOG") && m_server)
            qWarning("server log:\n%s\nsink log:\n%s", m_server->log().constData(), m_sink.log().constData());
        m_server.reset();
    }

    void setPasswordLinkRedeemsOnce()
    {
        const qsizetype before = m_sink.messages().size();
        const QString id = queueSetPassword();
        QVERIFY(!id.isEmpty());
        QByteArray log;
        QCOMPARE(sendMail(&log), 0);
        const QList<QJsonObject> got = m_sink.messages();
        QCOMPARE(got.size(), before + 1);
        const QJsonObject m = got.last();
        QCOMPARE(m.value(QStringLiteral("to_addr")).toString(), m_memberEmail);
        QCOMPARE(m.value(QStringLiteral("reply_to_addr")).toString(), m_staffEmail);
        QVERIFY2(m.value(QStringLiteral("subject")).toString().contains(QLatin1String("M-2001")),
                 qPrintable(m.value(QStringLiteral("subject")).toString()));
        QVERIFY(m.value(QStringLiteral("body")).toString().startsWith(QLatin1String("Dear Mina,")));
        const QString token = tokenIn(m, QStringLiteral("set-password"));
        QVERIFY2(!token.isEmpty(), qPrintable(m.value(QStringLiteral("body")).toString()));
        QCOMPARE(pulled(QStringLiteral("email_request"), id).value(QStringLiteral("status")).toString(),
                 QStringLiteral("sent"));

        // The server keeps the token's hash only: the token is in no table, no log line.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM link_token WHERE purpose = 'member_set_password' AND "
                                      "entity_id = '%1' AND email_request_id = '%2' AND used_at IS NULL")
                           .arg(m_membership, id)),
                 qint64(1));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM link_token WHERE token_hash = decode('%1', 'hex')")
                           .arg(QString::fromLatin1(foyer::server::LinkTokens::hashOf(token).toHex()))),
                 qint64(1));
        for (const QString& t : {QStringLiteral("link_token"), QStringLiteral("row_state"),
                                 QStringLiteral("mail_delivery"), QStringLiteral("applied_operation")})
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM %1 x WHERE x::text LIKE '%%2%'").arg(t, token)),
                     qint64(0));
        QVERIFY(!log.contains(token.toLatin1()));

        // Refused: bad requests, a wrong token, a short password (the link still works after each).
        QCOMPARE(m_api->post(QStringLiteral("/v1/links/set-password"), {{QStringLiteral("token"), token}}).status, 400);
        auto r = setPassword(QString(43, u'A'), QStringLiteral("a long enough password"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("unknown_link"));
        QCOMPARE(
            setPassword(token.left(42) + QChar(token.endsWith(u'A') ? u'B' : u'A'), QStringLiteral("long enough pw!"))
                .status,
            404);
        QCOMPARE(setPassword(QStringLiteral("x'; DROP TABLE link_token; --"), QStringLiteral("long enough pw!")).status,
                 404);
        r = setPassword(token, QStringLiteral("short"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("weak_password"));
        // A management link's endpoint does not take a set-password token.
        QCOMPARE(giftSummary(token).status, 404);

        qint64 seqBefore = 0;
        pulled(QStringLiteral("membership"), m_membership, &seqBefore);
        const QString chosen = QStringLiteral("Mina's new password 42");
        r = setPassword(token, chosen);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("membership_number")).toString(), QStringLiteral("M-2001"));

        // The password is a server change of the membership every workstation pulls: an Argon2id verifier.
        qint64 seqAfter = 0;
        const QJsonObject membership = pulled(QStringLiteral("membership"), m_membership, &seqAfter);
        QVERIFY(seqAfter > seqBefore);
        const QString hash = membership.value(QStringLiteral("password_hash")).toString();
        QVERIFY2(hash.startsWith(QLatin1String("$argon2id$")), qPrintable(hash));
        QVERIFY(foyer::server::StaffAccounts::verifyPassword(chosen.toUtf8(), hash));
        QVERIFY(!foyer::server::StaffAccounts::verifyPassword("another password", hash));
        QCOMPARE(membership.value(QStringLiteral("membership_number")).toString(), QStringLiteral("M-2001"));
        QVERIFY(!m_server->log().contains(chosen.toUtf8()));
        QVERIFY(!m_server->log().contains(token.toLatin1()));

        // Single use: the second time is refused and changes nothing.
        r = setPassword(token, QStringLiteral("someone else's password"));
        QCOMPARE(r.status, 410);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("link_used"));
        qint64 seqAgain = 0;
        QCOMPARE(pulled(QStringLiteral("membership"), m_membership, &seqAgain).value(QStringLiteral("password_hash")),
                 QJsonValue(hash));
        QCOMPARE(seqAgain, seqAfter);
    }

    void expiredLinkRefused()
    {
        QVERIFY(!queueSetPassword().isEmpty());
        QCOMPARE(sendMail(), 0);
        const QString token = tokenIn(m_sink.messages().last(), QStringLiteral("set-password"));
        QVERIFY(!token.isEmpty());
        // A week later (the default link_lifetime_hours=168).
        QSqlQuery q(db());
        q.prepare(QStringLiteral("UPDATE link_token SET created_at = now() - interval '8 days', expires_at = now() - "
                                 "interval '1 day' WHERE token_hash = decode(?, 'hex')"));
        q.addBindValue(QString::fromLatin1(foyer::server::LinkTokens::hashOf(token).toHex()));
        QVERIFY2(q.exec() && q.numRowsAffected() == 1, qPrintable(q.lastError().text()));
        const QString before =
            pulled(QStringLiteral("membership"), m_membership).value(QStringLiteral("password_hash")).toString();
        const auto r = setPassword(token, QStringLiteral("too late for this one"));
        QCOMPARE(r.status, 410);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("link_expired"));
        QCOMPARE(pulled(QStringLiteral("membership"), m_membership).value(QStringLiteral("password_hash")).toString(),
                 before);
    }

    void managementLinkCancelsTheGift()
    {
        const qsizetype before = m_sink.messages().size();
        const QString id = queueManagementLink(m_gift);
        QVERIFY(!id.isEmpty());
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 1);
        const QJsonObject m = m_sink.messages().last();
        QCOMPARE(m.value(QStringLiteral("to_addr")).toString(), m_donorEmail);
        QCOMPARE(m.value(QStringLiteral("subject")).toString(), QStringLiteral("Manage your monthly donation"));
        QCOMPARE(m.value(QStringLiteral("reply_to_addr")).toString(), m_staffEmail);
        const QString body = m.value(QStringLiteral("body")).toString();
        QVERIFY2(body.contains(QLatin1String("monthly donation of 25.00 to Education Fund")), qPrintable(body));
        const QString token = tokenIn(m, QStringLiteral("recurring"));
        QVERIFY2(!token.isEmpty(), qPrintable(body));
        QCOMPARE(pulled(QStringLiteral("email_request"), id).value(QStringLiteral("status")).toString(),
                 QStringLiteral("sent"));

        // The summary, as often as the donor likes.
        for (int i = 0; i < 2; ++i) {
            const auto r = giftSummary(token);
            QCOMPARE(r.status, 200);
            const QJsonObject gift = r.json.value(QStringLiteral("recurring_donation")).toObject();
            QCOMPARE(gift.value(QStringLiteral("id")).toString(), m_gift);
            QCOMPARE(gift.value(QStringLiteral("amount_minor")).toInteger(), qint64(2500));
            QCOMPARE(gift.value(QStringLiteral("frequency")).toString(), QStringLiteral("monthly"));
            QCOMPARE(gift.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
            QCOMPARE(gift.value(QStringLiteral("fund")).toString(), QStringLiteral("Education Fund"));
            QVERIFY(gift.value(QStringLiteral("can_cancel")).toBool());
        }
        QCOMPARE(giftSummary(QString(43, u'z')).status, 404);
        QCOMPARE(m_api->get(QStringLiteral("/v1/links/recurring")).status, 404);
        QCOMPARE(m_api->post(QStringLiteral("/v1/links/recurring"), {{QStringLiteral("token"), token}}).status, 400);
        QCOMPARE(cancelGift(QString(43, u'z'), QString()).status, 404);
        // A set-password endpoint does not take a management token.
        QCOMPARE(setPassword(token, QStringLiteral("a long enough password")).status, 404);

        qint64 seqBefore = 0;
        pulled(QStringLiteral("recurring_donation"), m_gift, &seqBefore);
        auto r = cancelGift(token, QStringLiteral("Moving abroad"));
        QCOMPARE(r.status, 200);
        QCOMPARE(
            r.json.value(QStringLiteral("recurring_donation")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("cancelled"));

        // The cancellation is a server change in /v1/pull, its reason recorded, its clock the server's.
        qint64 seqAfter = 0;
        const QJsonObject gift = pulled(QStringLiteral("recurring_donation"), m_gift, &seqAfter);
        QVERIFY(seqAfter > seqBefore);
        QCOMPARE(gift.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(gift.value(QStringLiteral("cancel_reason")).toString(),
                 QStringLiteral("Cancelled by the donor through the management link: Moving abroad"));
        QCOMPARE(gift.value(QStringLiteral("amount_minor")).toInteger(), qint64(2500));
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT field_clock->>'status' FROM row_state WHERE table_name = "
                                 "'recurring_donation' AND row_key = ?"));
        q.addBindValue(m_gift);
        QVERIFY(q.exec() && q.next());
        QVERIFY(q.value(0).toString().endsWith(QLatin1String("-server")));

        // Used: neither the summary nor a second cancel.
        r = cancelGift(token, QStringLiteral("again"));
        QCOMPARE(r.status, 410);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("link_used"));
        QCOMPARE(giftSummary(token).status, 410);
        qint64 seqAgain = 0;
        pulled(QStringLiteral("recurring_donation"), m_gift, &seqAgain);
        QCOMPARE(seqAgain, seqAfter);

        // A management link for a cancelled gift has nothing to link to: it fails, nothing is sent.
        const qsizetype sent = m_sink.messages().size();
        const QString late = queueManagementLink(m_gift);
        QCOMPARE(sendMail(), 0);
        const QJsonObject row = pulled(QStringLiteral("email_request"), late);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("nothing left to manage")));
        QCOMPARE(m_sink.messages().size(), sent);
    }

    void withoutPortalStaysQueued()
    {
        setMail(smtp(m_sink.port()));
        const qsizetype before = m_sink.messages().size();
        const QString id = queueSetPassword();
        QCOMPARE(sendMail(), 0);
        QJsonObject row = pulled(QStringLiteral("email_request"), id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("[portal] base_url")),
                 qPrintable(row.value(QStringLiteral("last_error")).toString()));
        QVERIFY(row.value(QStringLiteral("attempts")).isUndefined());
        QCOMPARE(m_sink.messages().size(), before);
        // Configured: it goes.
        setMail(smtp(m_sink.port()) + portal());
        QCOMPARE(sendMail(), 0);
        row = pulled(QStringLiteral("email_request"), id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        QVERIFY(row.value(QStringLiteral("last_error")).isNull());
        QCOMPARE(m_sink.messages().size(), before + 1);
        QVERIFY(!tokenIn(m_sink.messages().last(), QStringLiteral("set-password")).isEmpty());
    }

    void lostReplyIsNotSentTwice()
    {
        // The relay keeps the message but answers after the server's 2 s timeout.
        startSink(4, 2);
        const qsizetype before = m_sink.messages().size();
        const QString contact = queueEmail(QStringLiteral("ada@example.org"), QStringLiteral("contact_log"),
                                           {{QStringLiteral("subject"), QStringLiteral("Your seats")},
                                            {QStringLiteral("body"), QStringLiteral("Held until Friday.")}});
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 1);
        QJsonObject row = pulled(QStringLiteral("email_request"), contact);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().startsWith(QLatin1String("Delivery unknown")),
                 qPrintable(row.value(QStringLiteral("last_error")).toString()));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 1);

        // A link email is sent once more, with the same Message-ID; both links are one family of single use.
        const QString link = queueSetPassword();
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 2);
        row = pulled(QStringLiteral("email_request"), link);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QVERIFY(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("once more")));
        QCOMPARE(sendMail(), 0);
        const QList<QJsonObject> got = m_sink.messages();
        QCOMPARE(got.size(), before + 3);
        QCOMPARE(got.at(before + 2).value(QStringLiteral("message_id")),
                 got.at(before + 1).value(QStringLiteral("message_id")));
        QCOMPARE(got.last().value(QStringLiteral("message_id")).toString(),
                 QStringLiteral("<%1@venue.example>").arg(link));
        // Unknown twice: it fails, and is not sent a third time.
        row = pulled(QStringLiteral("email_request"), link);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 2);
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 3);
        const QString first = tokenIn(got.at(before + 1), QStringLiteral("set-password"));
        const QString second = tokenIn(got.at(before + 2), QStringLiteral("set-password"));
        QVERIFY(!first.isEmpty() && !second.isEmpty() && first != second);
        QCOMPARE(setPassword(second, QStringLiteral("from the second copy")).status, 200);
        QCOMPARE(setPassword(first, QStringLiteral("from the first copy!")).status, 410);
    }

    void killedWhileSendingIsNotResent()
    {
        startSink(30, 60);
        const qsizetype before = m_sink.messages().size();
        const QString id = queueEmail(QStringLiteral("bob@example.org"), QStringLiteral("contact_log"),
                                      {{QStringLiteral("subject"), QStringLiteral("Interrupted")},
                                       {QStringLiteral("body"), QStringLiteral("The server dies while sending.")}});
        QProcess sender;
        sender.setProcessChannelMode(QProcess::MergedChannels);
        sender.start(ServerProcess::binary(), {QStringLiteral("send-mail"), QStringLiteral("--once"),
                                               QStringLiteral("--config"), m_server->configPath()});
        QVERIFY(sender.waitForStarted());
        // The relay has the message and has not answered yet: the sender dies.
        QTRY_COMPARE_WITH_TIMEOUT(m_sink.messages().size(), before + 1, 20000);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM mail_delivery WHERE email_request_id = '%1' AND state = "
                                      "'sending'")
                           .arg(id)),
                 qint64(1));
        ::kill(static_cast<pid_t>(sender.processId()), SIGKILL);
        QVERIFY(sender.waitForFinished(10000));
        QVERIFY(pulled(QStringLiteral("email_request"), id).value(QStringLiteral("status")).isUndefined());

        // Restarted with a prompt relay: the request is settled as failed, not sent again.
        startSink();
        QCOMPARE(sendMail(), 0);
        const QJsonObject row = pulled(QStringLiteral("email_request"), id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY2(row.value(QStringLiteral("last_error"))
                     .toString()
                     .contains(QLatin1String("the server stopped while it was sending this message")),
                 qPrintable(row.value(QStringLiteral("last_error")).toString()));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM mail_delivery WHERE state = 'sending'")), qint64(0));
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestServerLinks)
#include "TestServerLinks.moc"
