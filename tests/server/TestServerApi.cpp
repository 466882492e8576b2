#include "ServerFixture.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QTest>

using namespace serverfixture;

class TestServerApi : public QObject
{
    Q_OBJECT

private:
    PostgresCluster m_pg;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiClient> m_api;
    QString m_wsA; // registered workstation of venue A
    QString m_dbA = uuid();
    QString m_admin, m_bo, m_dev; // tokens, venue A
    QString m_adminId, m_boId, m_devId;
    QString m_clockNode = QStringLiteral("ws-a");
    qint64 m_now = 1764611200000;

    QString nextClock() { return clock(++m_now, 0, m_clockNode); }
    QSqlDatabase db() { return QSqlDatabase::database(QStringLiteral("check")); }

    QString createStaff(const QString& venue, const QString& username, const QString& role)
    {
        QByteArray out;
        const int code = m_server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"), venue,
                                               QStringLiteral("--username"), username, QStringLiteral("--role"), role},
                                              password + '\n', &out);
        return code == 0 ? QString() : QString::fromLocal8Bit(out);
    }

    QJsonArray results(const ApiClient::Reply& r) { return r.json.value(QStringLiteral("results")).toArray(); }

    ApiClient::Reply pushOne(const QString& token, const QString& ws, const QJsonObject& op)
    {
        return m_api->post(QStringLiteral("/v1/push"), pushBody(ws, QJsonArray{op}), token);
    }

    QString statusOf(const ApiClient::Reply& r, int i = 0)
    {
        return results(r).at(i).toObject().value(QStringLiteral("status")).toString();
    }
    QString reasonOf(const ApiClient::Reply& r, int i = 0)
    {
        return results(r).at(i).toObject().value(QStringLiteral("reason")).toString();
    }

    // Every table's row count and an md5 of its rows.
    QString checksum()
    {
        QStringList tables;
        QSqlQuery q(db());
        q.exec(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"));
        while (q.next())
            tables.append(q.value(0).toString());
        QString out;
        for (const QString& t : tables) {
            QSqlQuery c(db());
            if (!c.exec(QStringLiteral("SELECT count(*), coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') "
                                       "FROM \"%1\" x")
                            .arg(t)) ||
                !c.next())
                return QStringLiteral("error ") + c.lastError().text();
            out += t + u':' + c.value(0).toString() + u':' + c.value(1).toString() + u'\n';
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        const QString started = m_pg.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QCOMPARE(m_pg.createDatabase(QStringLiteral("foyer")), QString());
        m_server = std::make_unique<ServerProcess>(m_pg.host(), m_pg.port(), QStringLiteral("foyer"), m_pg.user());
        QByteArray out;
        QVERIFY2(m_server->runCommand({QStringLiteral("migrate")}, {}, &out) == 0, out.constData());
        QCOMPARE(createStaff(QStringLiteral("Venue A"), QStringLiteral("ada"), QStringLiteral("admin")), QString());
        QCOMPARE(createStaff(QStringLiteral("Venue A"), QStringLiteral("bo"), QStringLiteral("box_office")), QString());
        QCOMPARE(createStaff(QStringLiteral("Venue A"), QStringLiteral("dev"), QStringLiteral("development")),
                 QString());
        QCOMPARE(createStaff(QStringLiteral("Venue A"), QStringLiteral("locky"), QStringLiteral("box_office")),
                 QString());
        QCOMPARE(createStaff(QStringLiteral("Venue B"), QStringLiteral("bea"), QStringLiteral("admin")), QString());
        const QString s = m_server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        m_api = std::make_unique<ApiClient>(m_server->baseUrl(), m_server->caCertificates());
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
        check.setHostName(m_pg.host());
        check.setPort(m_pg.port());
        check.setUserName(m_pg.user());
        check.setDatabaseName(QStringLiteral("foyer"));
        QVERIFY2(check.open(), qPrintable(check.lastError().text()));
    }

    void cleanupTestCase()
    {
        if (qEnvironmentVariableIsSet("FOYER_SERVER_LOG") && m_server)
            qWarning("server log:\n%s", m_server->log().constData());
        m_server.reset();
    }

    void health()
    {
        const auto r = m_api->get(QStringLiteral("/v1/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.json.value(QStringLiteral("schema")).toInt(), 5); // the newest in db/server/
        QVERIFY(r.json.value(QStringLiteral("server_time")).toString().endsWith(u'Z'));
    }

    void signInAndLockout()
    {
        const SignedIn admin = signIn(*m_api, QStringLiteral("ada"));
        QVERIFY(!admin.token.isEmpty());
        m_admin = admin.token;
        m_adminId = admin.staffId;
        // The token itself is nowhere in the database, only its hash.
        QSqlQuery q(db());
        q.exec(QStringLiteral("SELECT count(*) FROM staff_session WHERE position(convert_to('%1', 'UTF8') in "
                              "token_hash) > 0")
                   .arg(m_admin));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);

        const auto wrong =
            m_api->post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), QStringLiteral("ada")},
                                                        {QStringLiteral("password"), QStringLiteral("nope")}});
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.json.value(QStringLiteral("error")).toString(), QStringLiteral("wrong_credentials"));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(m_api
                         ->post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), QStringLiteral("locky")},
                                                                {QStringLiteral("password"), QStringLiteral("bad")}})
                         .status,
                     401);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), QStringLiteral("locky")},
                                                            {QStringLiteral("password"), QStringLiteral("bad")}})
                     .status,
                 423);
        // Locked: even the right password is refused.
        const auto locked =
            m_api->post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), QStringLiteral("locky")},
                                                        {QStringLiteral("password"), QString::fromUtf8(password)}});
        QCOMPARE(locked.status, 423);
        QCOMPARE(locked.json.value(QStringLiteral("error")).toString(), QStringLiteral("locked"));
    }

    void unauthorized()
    {
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull")).status, 401);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), QStringLiteral("garbage")).status, 401);
        const SignedIn s = signIn(*m_api, QStringLiteral("ada"));
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), s.token).status, 200);
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("UPDATE staff_session SET expires_at = now() - interval '1 second' WHERE "
                                      "token_hash NOT IN (SELECT token_hash FROM staff_session ORDER BY created_at "
                                      "LIMIT 1)")));
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), s.token).status, 401);
        // Sign-out ends a session.
        const SignedIn t = signIn(*m_api, QStringLiteral("ada"));
        QCOMPARE(m_api->post(QStringLiteral("/v1/sign-out"), {}, t.token).status, 204);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), t.token).status, 401);
    }

    void registerWorkstations()
    {
        const auto r = m_api->post(
            QStringLiteral("/v1/workstations"),
            {{QStringLiteral("database_id"), m_dbA}, {QStringLiteral("name"), QStringLiteral("Box office 1")}},
            m_admin);
        QCOMPARE(r.status, 200);
        m_wsA = r.json.value(QStringLiteral("workstation_id")).toString();
        QCOMPARE(r.json.value(QStringLiteral("prefix")).toString(), QStringLiteral("A1"));
        const auto again =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), m_dbA}}, m_admin);
        QCOMPARE(again.json.value(QStringLiteral("workstation_id")).toString(), m_wsA);
        QCOMPARE(again.json.value(QStringLiteral("patron_numbers")), r.json.value(QStringLiteral("patron_numbers")));
        const auto second =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), uuid()}}, m_admin);
        QCOMPARE(second.json.value(QStringLiteral("prefix")).toString(), QStringLiteral("A2"));
        const QJsonObject b1 = r.json.value(QStringLiteral("patron_numbers")).toObject();
        const QJsonObject b2 = second.json.value(QStringLiteral("patron_numbers")).toObject();
        QCOMPARE(b1.value(QStringLiteral("last")).toInteger() - b1.value(QStringLiteral("first")).toInteger(), 999);
        QVERIFY(b2.value(QStringLiteral("first")).toInteger() > b1.value(QStringLiteral("last")).toInteger());
        const auto more = m_api->post(QStringLiteral("/v1/workstations/%1/patron-numbers").arg(m_wsA), {}, m_admin);
        QCOMPARE(more.status, 200);
        QVERIFY(more.json.value(QStringLiteral("first")).toInteger() > b2.value(QStringLiteral("last")).toInteger());
        QVERIFY(!r.json.value(QStringLiteral("ticket_public_key")).toString().isEmpty());
        // Another venue cannot take this database id.
        const SignedIn bea = signIn(*m_api, QStringLiteral("bea"));
        QCOMPARE(
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), m_dbA}}, bea.token).status,
            409);
        // Box office staff may not register.
        const SignedIn bo = signIn(*m_api, QStringLiteral("bo"), m_dbA);
        m_bo = bo.token;
        m_boId = bo.staffId;
        QCOMPARE(
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), uuid()}}, m_bo).status,
            403);
        const SignedIn dev = signIn(*m_api, QStringLiteral("dev"), m_dbA);
        m_dev = dev.token;
        m_devId = dev.staffId;
    }

    void venueSetupAndSales()
    {
        // Venue setup by the admin: a hall, a seat, a show and performance, a membership with one credit.
        const QString hall = uuid(), seat = uuid(), show = uuid(), perf = uuid(), level = uuid(), patron = uuid(),
                      membership = uuid(), credit = uuid();
        const QJsonArray setup{
            change(QStringLiteral("hall"), hall, QStringLiteral("insert"),
                   {{QStringLiteral("id"), hall}, {QStringLiteral("name"), QStringLiteral("Main")}}),
            change(QStringLiteral("seat"), seat, QStringLiteral("insert"),
                   {{QStringLiteral("id"), seat},
                    {QStringLiteral("hall_id"), hall},
                    {QStringLiteral("section"), QStringLiteral("Stalls")},
                    {QStringLiteral("row_label"), QStringLiteral("D")},
                    {QStringLiteral("seat_number"), QStringLiteral("12")}}),
            change(QStringLiteral("show"), show, QStringLiteral("insert"),
                   {{QStringLiteral("id"), show}, {QStringLiteral("title"), QStringLiteral("Hamlet")}}),
            change(
                QStringLiteral("performance"), perf, QStringLiteral("insert"),
                {{QStringLiteral("id"), perf}, {QStringLiteral("show_id"), show}, {QStringLiteral("hall_id"), hall}}),
            change(QStringLiteral("benefit_level"), level, QStringLiteral("insert"),
                   {{QStringLiteral("id"), level}, {QStringLiteral("name"), QStringLiteral("Friend")}})};
        auto r = pushOne(m_admin, m_wsA, operation(uuid(), nextClock(), m_adminId, setup));
        QVERIFY2(statusOf(r) == QLatin1String("applied"), r.raw.constData());
        r = pushOne(m_bo, m_wsA,
                    operation(uuid(), nextClock(), m_boId,
                              QJsonArray{change(QStringLiteral("patron"), patron, QStringLiteral("insert"),
                                                {{QStringLiteral("id"), patron},
                                                 {QStringLiteral("patron_number"), 10001},
                                                 {QStringLiteral("last_name"),
                                                  QStringLiteral("O'Brien; DROP TABLE row_state; --")}}),
                                         change(QStringLiteral("membership"), membership, QStringLiteral("insert"),
                                                {{QStringLiteral("id"), membership},
                                                 {QStringLiteral("membership_number"), QStringLiteral("M-1001")},
                                                 {QStringLiteral("patron_id"), patron},
                                                 {QStringLiteral("benefit_level_id"), level}}),
                                         change(QStringLiteral("membership_credit"), credit, QStringLiteral("insert"),
                                                {{QStringLiteral("id"), credit},
                                                 {QStringLiteral("membership_id"), membership},
                                                 {QStringLiteral("show_id"), show},
                                                 {QStringLiteral("seats"), 1},
                                                 {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)}})}));
        QCOMPARE(statusOf(r), QStringLiteral("applied"));
        // SQL metacharacters are stored as text.
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT data->>'last_name' FROM row_state WHERE table_name = 'patron'")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("O'Brien; DROP TABLE row_state; --"));

        // A sale; resent, it is a duplicate and applied once.
        const auto sale = [&](const QString& line, const QString& seatId, const QString& pay, const QString& member) {
            const QString order = uuid();
            QJsonArray changes{
                change(QStringLiteral("order"), order, QStringLiteral("insert"),
                       {{QStringLiteral("id"), order},
                        {QStringLiteral("confirmation_number"), QString(QStringLiteral("A1-") + order.left(8))},
                        {QStringLiteral("patron_id"), patron},
                        {QStringLiteral("internal_status"), QStringLiteral("complete")}}),
                change(
                    QStringLiteral("order_line"), line, QStringLiteral("insert"),
                    {{QStringLiteral("id"), line},
                     {QStringLiteral("order_id"), order},
                     {QStringLiteral("performance_id"), perf},
                     {QStringLiteral("seat_id"), seatId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(seatId)},
                     {QStringLiteral("pay_type"), pay},
                     {QStringLiteral("status"), QStringLiteral("active")},
                     {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)}})};
            if (!member.isEmpty()) {
                const QString use = uuid();
                changes.append(change(QStringLiteral("membership_seat_use"), use, QStringLiteral("insert"),
                                      {{QStringLiteral("id"), use},
                                       {QStringLiteral("membership_id"), member},
                                       {QStringLiteral("order_line_id"), line},
                                       {QStringLiteral("show_id"), show}}));
            }
            return operation(uuid(), nextClock(), m_boId, changes);
        };
        const QString line1 = uuid();
        const QJsonObject first = sale(line1, seat, QStringLiteral("cash"), QString());
        r = pushOne(m_bo, m_wsA, first);
        QCOMPARE(statusOf(r), QStringLiteral("applied"));
        r = pushOne(m_bo, m_wsA, first);
        QCOMPARE(statusOf(r), QStringLiteral("duplicate"));
        QCOMPARE(results(r).at(0).toObject().value(QStringLiteral("first_status")).toString(),
                 QStringLiteral("applied"));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE operation_id = '%1'")
                           .arg(first.value(QStringLiteral("id")).toString())) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 1);

        // The same seat sold again (another workstation of the venue): refused with the seat's name.
        const QString dbA2 = uuid();
        const auto reg =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), dbA2}}, m_admin);
        const QString wsA2 = reg.json.value(QStringLiteral("workstation_id")).toString();
        const SignedIn bo2 = signIn(*m_api, QStringLiteral("bo"), dbA2);
        r = pushOne(bo2.token, wsA2, sale(uuid(), seat, QStringLiteral("cash"), QString()));
        QCOMPARE(statusOf(r), QStringLiteral("refused"));
        QCOMPARE(reasonOf(r), QStringLiteral("Stalls D12 is already sold for this performance"));
        // An id first pushed by another workstation: 403.
        QCOMPARE(pushOne(bo2.token, wsA2, first).status, 403);
        // Pushing for another workstation: 403.
        QCOMPARE(pushOne(bo2.token, m_wsA, sale(uuid(), QString(), QStringLiteral("cash"), QString())).status, 403);

        // The member's one credit, used twice: the second refused.
        r = pushOne(m_bo, m_wsA, sale(uuid(), QString(), QStringLiteral("membership"), membership));
        QCOMPARE(statusOf(r), QStringLiteral("applied"));
        r = pushOne(bo2.token, wsA2, sale(uuid(), QString(), QStringLiteral("membership"), membership));
        QCOMPARE(statusOf(r), QStringLiteral("refused"));
        QCOMPARE(reasonOf(r), QStringLiteral("Membership M-1001 has no seat credit left for Hamlet"));

        // Roles: development may not sell; box office may not refund; box office may not set up the venue.
        r = pushOne(m_dev, m_wsA,
                    operation(uuid(), nextClock(), m_devId,
                              QJsonArray{sale(uuid(), QString(), QStringLiteral("cash"), QString())
                                             .value(QStringLiteral("changes"))
                                             .toArray()
                                             .at(0)}));
        QCOMPARE(statusOf(r), QStringLiteral("refused"));
        QVERIFY2(reasonOf(r).startsWith(QStringLiteral("role development may not")), qPrintable(reasonOf(r)));
        r = pushOne(m_bo, m_wsA,
                    operation(uuid(), nextClock(), m_boId,
                              QJsonArray{change(QStringLiteral("order_line"), line1, QStringLiteral("update"),
                                                {{QStringLiteral("status"), QStringLiteral("refunded")}})}));
        QCOMPARE(statusOf(r), QStringLiteral("refused"));
        QVERIFY2(reasonOf(r).startsWith(QStringLiteral("role box_office may not refund")), qPrintable(reasonOf(r)));
        r = pushOne(m_bo, m_wsA,
                    operation(uuid(), nextClock(), m_boId,
                              QJsonArray{change(QStringLiteral("show"), uuid(), QStringLiteral("insert"),
                                                {{QStringLiteral("title"), QStringLiteral("X")}})}));
        QCOMPARE(statusOf(r), QStringLiteral("refused"));
        QVERIFY(reasonOf(r).startsWith(QStringLiteral("role box_office may not write show")));
        // Refused operations wrote nothing: the seat is still the first sale's.
        QVERIFY(q.exec(QStringLiteral("SELECT data->>'status' FROM row_state WHERE row_key = '%1'").arg(line1)) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("active"));
        // A manager refunds.
        QCOMPARE(createStaff(QStringLiteral("Venue A"), QStringLiteral("mgr"), QStringLiteral("manager")), QString());
        const SignedIn mgr = signIn(*m_api, QStringLiteral("mgr"), m_dbA);
        r = pushOne(mgr.token, m_wsA,
                    operation(uuid(), nextClock(), mgr.staffId,
                              QJsonArray{change(QStringLiteral("order_line"), line1, QStringLiteral("update"),
                                                {{QStringLiteral("status"), QStringLiteral("refunded")}})}));
        QCOMPARE(statusOf(r), QStringLiteral("applied"));
        // Now the seat is free again.
        r = pushOne(bo2.token, wsA2, sale(uuid(), seat, QStringLiteral("cash"), QString()));
        QCOMPARE(statusOf(r), QStringLiteral("applied"));
    }

    void fieldLevelLastWriterWins()
    {
        const QString patron = uuid();
        const QString dbA3 = uuid();
        const QString wsA3 =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), dbA3}}, m_admin)
                .json.value(QStringLiteral("workstation_id"))
                .toString();
        const SignedIn other = signIn(*m_api, QStringLiteral("bo"), dbA3);
        const qint64 t = m_now + 1000;
        m_now += 10000;
        QCOMPARE(
            statusOf(pushOne(m_bo, m_wsA,
                             operation(uuid(), clock(t, 0, QStringLiteral("a")), m_boId,
                                       QJsonArray{change(QStringLiteral("patron"), patron, QStringLiteral("insert"),
                                                         {{QStringLiteral("id"), patron},
                                                          {QStringLiteral("patron_number"), 10002},
                                                          {QStringLiteral("first_name"), QStringLiteral("Ann")},
                                                          {QStringLiteral("last_name"), QStringLiteral("Lee")}})}))),
            QStringLiteral("applied"));
        // Two workstations edit different fields: both stick.
        QCOMPARE(
            statusOf(pushOne(m_bo, m_wsA,
                             operation(uuid(), clock(t + 2, 0, QStringLiteral("a")), m_boId,
                                       QJsonArray{change(QStringLiteral("patron"), patron, QStringLiteral("update"),
                                                         {{QStringLiteral("first_name"), QStringLiteral("Anne")}})}))),
            QStringLiteral("applied"));
        QCOMPARE(
            statusOf(pushOne(other.token, wsA3,
                             operation(uuid(), clock(t + 1, 0, QStringLiteral("b")), m_boId,
                                       QJsonArray{change(QStringLiteral("patron"), patron, QStringLiteral("update"),
                                                         {{QStringLiteral("last_name"), QStringLiteral("Darrow")}})}))),
            QStringLiteral("applied"));
        // The same field: the later clock wins, whichever arrives last.
        QCOMPARE(
            statusOf(pushOne(other.token, wsA3,
                             operation(uuid(), clock(t + 5, 0, QStringLiteral("b")), m_boId,
                                       QJsonArray{change(QStringLiteral("patron"), patron, QStringLiteral("update"),
                                                         {{QStringLiteral("first_name"), QStringLiteral("Annie")}})}))),
            QStringLiteral("applied"));
        QCOMPARE(statusOf(pushOne(
                     m_bo, m_wsA,
                     operation(uuid(), clock(t + 4, 0, QStringLiteral("a")), m_boId,
                               QJsonArray{change(QStringLiteral("patron"), patron, QStringLiteral("update"),
                                                 {{QStringLiteral("first_name"), QStringLiteral("Ann-Marie")}})}))),
                 QStringLiteral("applied"));
        QSqlQuery q(db());
        QVERIFY(
            q.exec(QStringLiteral("SELECT data->>'first_name', data->>'last_name' FROM row_state WHERE row_key = '%1'")
                       .arg(patron)) &&
            q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Annie"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("Darrow"));
    }

    void pullPagingAndVenueIsolation()
    {
        // Venue B's admin writes rows; venue A never sees them, and B sees only its own.
        const SignedIn bea = signIn(*m_api, QStringLiteral("bea"));
        const QString dbB = uuid();
        const QString wsB =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), dbB}}, bea.token)
                .json.value(QStringLiteral("workstation_id"))
                .toString();
        QCOMPARE(m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), dbB}}, bea.token)
                     .json.value(QStringLiteral("prefix"))
                     .toString(),
                 QStringLiteral("A1"));
        QJsonArray ops;
        for (int i = 0; i < 25; ++i) {
            const QString id = uuid();
            ops.append(operation(
                uuid(), nextClock(), bea.staffId,
                QJsonArray{change(QStringLiteral("tag"), id, QStringLiteral("insert"),
                                  {{QStringLiteral("id"), id}, {QStringLiteral("name"), QStringLiteral("venue-b")}})}));
        }
        QCOMPARE(m_api->post(QStringLiteral("/v1/push"), pushBody(wsB, ops), bea.token).status, 200);
        const auto collect = [&](const QString& token, int limit, int* pages) {
            QList<QJsonObject> rows;
            qint64 after = 0;
            *pages = 0;
            for (;;) {
                const auto r = m_api->get(QStringLiteral("/v1/pull?after=%1&limit=%2").arg(after).arg(limit), token);
                if (r.status != 200)
                    break;
                ++*pages;
                for (const QJsonValue& c : r.json.value(QStringLiteral("changes")).toArray())
                    rows.append(c.toObject());
                after = r.json.value(QStringLiteral("next")).toInteger();
                if (!r.json.value(QStringLiteral("more")).toBool()) {
                    if (r.json.value(QStringLiteral("remaining")).toInt() != 0)
                        rows.clear();
                    break;
                }
            }
            return rows;
        };
        int pages = 0;
        const QList<QJsonObject> b = collect(bea.token, 10, &pages);
        QCOMPARE(b.size(), 25);
        QCOMPARE(pages, 3);
        for (const QJsonObject& c : b)
            QCOMPARE(c.value(QStringLiteral("row")).toObject().value(QStringLiteral("name")).toString(),
                     QStringLiteral("venue-b"));
        const QList<QJsonObject> a = collect(m_admin, 7, &pages);
        QVERIFY(a.size() > 5);
        qint64 last = 0;
        for (const QJsonObject& c : a) {
            QVERIFY(c.value(QStringLiteral("row")).toObject().value(QStringLiteral("name")).toString() !=
                    QStringLiteral("venue-b"));
            QVERIFY(c.value(QStringLiteral("seq")).toInteger() > last);
            last = c.value(QStringLiteral("seq")).toInteger();
        }
        const auto first = m_api->get(QStringLiteral("/v1/pull?after=0&limit=2"), m_admin);
        QCOMPARE(first.json.value(QStringLiteral("remaining")).toInt(), a.size() - 2);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull?after=abc"), m_admin).status, 400);
    }

    void malformedRequestsChangeNothing()
    {
        const QString before = checksum();
        QVERIFY(!before.startsWith(QStringLiteral("error")));
        QRandomGenerator random(20261201);
        const QByteArray valid =
            QJsonDocument(
                pushBody(m_wsA, QJsonArray{operation(
                                    uuid(), nextClock(), m_boId,
                                    QJsonArray{change(QStringLiteral("patron"), uuid(), QStringLiteral("update"),
                                                      {{QStringLiteral("first_name"), QStringLiteral("Zed")}})})}))
                .toJson(QJsonDocument::Compact);
        const QList<QByteArray> shapes = {QByteArray(),
                                          "null",
                                          "[]",
                                          "42",
                                          "\"text\"",
                                          "{",
                                          "{\"format\":",
                                          "{\"format\":2}",
                                          "{\"format\":1,\"workstation_id\":5,\"operations\":[]}",
                                          "{\"format\":1,\"workstation_id\":\"x\",\"operations\":{}}",
                                          "{\"format\":1,\"workstation_id\":\"x\",\"operations\":[1]}",
                                          "{\"format\":\"1\",\"workstation_id\":\"x\",\"operations\":[]}",
                                          "\xff\xfe{}"};
        int count = 0;
        for (const QByteArray& body : shapes) {
            for (const QString& path : {QStringLiteral("/v1/push"), QStringLiteral("/v1/sign-in"),
                                        QStringLiteral("/v1/workstations"), QStringLiteral("/v1/password")}) {
                const auto r = m_api->postRaw(path, body, m_bo);
                QVERIFY2(r.status == 400 || (path == QLatin1String("/v1/workstations") && r.status == 403),
                         qPrintable(path + u' ' + QString::number(r.status) + u' ' + QString::fromLatin1(body)));
                ++count;
            }
        }
        // Truncations and byte flips of a valid push, and field-type swaps.
        for (int i = 0; i < 200; ++i) {
            QByteArray body = valid;
            const int mode = i % 3;
            if (mode == 0) {
                body.truncate(static_cast<qsizetype>(random.bounded(static_cast<int>(valid.size() - 1))));
            } else if (mode == 1) {
                // Structural characters swapped for other structural characters: never a valid push.
                static const QByteArray structural = QByteArrayLiteral("{}[]\":,");
                for (int k = 0; k < 3; ++k) {
                    qsizetype at = random.bounded(static_cast<int>(body.size()));
                    while (!structural.contains(body.at(at)))
                        at = (at + 1) % body.size();
                    char replacement = body.at(at);
                    while (replacement == body.at(at))
                        replacement = structural.at(random.bounded(static_cast<int>(structural.size())));
                    body[at] = replacement;
                }
            } else {
                QJsonObject o = QJsonDocument::fromJson(valid).object();
                QJsonArray opsArr = o.value(QStringLiteral("operations")).toArray();
                QJsonObject op = opsArr.at(0).toObject();
                const QStringList keys = {QStringLiteral("id"), QStringLiteral("hlc"), QStringLiteral("staff_id"),
                                          QStringLiteral("changes")};
                const QList<QJsonValue> bad = {QJsonValue(7),
                                               QJsonValue(true),
                                               QJsonValue(QJsonArray{}),
                                               QJsonValue(QJsonObject{}),
                                               QJsonValue(QStringLiteral("")),
                                               QJsonValue(QJsonValue::Null)};
                op.insert(keys.at(random.bounded(keys.size())), bad.at(random.bounded(bad.size())));
                opsArr[0] = op;
                o.insert(QStringLiteral("operations"), opsArr);
                body = QJsonDocument(o).toJson(QJsonDocument::Compact);
            }
            const auto r = m_api->postRaw(QStringLiteral("/v1/push"), body, m_bo);
            // 403: a flip that named another workstation or operation.
            QVERIFY2(r.status == 400 || r.status == 403,
                     qPrintable(QString::number(r.status) + u' ' + QString::fromLatin1(body)));
            ++count;
        }
        // Too large.
        const QByteArray huge = "{\"x\":\"" + QByteArray(33 * 1024 * 1024, 'a') + "\"}";
        QCOMPARE(m_api->postRaw(QStringLiteral("/v1/push"), huge, m_bo).status, 413);
        QCOMPARE(m_api->postRaw(QStringLiteral("/v1/sign-in"), huge).status, 413);
        QVERIFY(count > 150);
        QCOMPARE(checksum(), before);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "TestServerApi.moc"
