#include "MailMessage.h"
#include "ServerFixture.h"
#include "SmtpClient.h"
#include "SmtpSink.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QTest>
#include <QThread>

using namespace serverfixture;

// foyer-server sends the email_request rows workstations push, through a real SMTP server (aiosmtpd), and writes
// the result back for every workstation to pull.
class TestServerMail : public QObject
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
    const QString m_refused = QStringLiteral("nobody@example.org");
    const QString m_staffName = QStringLiteral("Kim Lée");
    const QString m_staffEmail = QStringLiteral("kim@venue.example");

    QString nextClock() { return clock(++m_now, 0, QStringLiteral("ws-mail")); }
    QSqlDatabase db() { return QSqlDatabase::database(QStringLiteral("check")); }

    // The [smtp] section of the server's configuration, replaced.
    void setSmtp(const QString& section)
    {
        QFile file(m_server->configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(file.readAll());
        file.close();
        const qsizetype at = text.indexOf(QLatin1String("[smtp]"));
        if (at >= 0)
            text.truncate(at);
        text += QStringLiteral("[smtp]\n") + section;
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
    }

    QString plainSmtp(int port)
    {
        return QStringLiteral("enabled=false\nhost=127.0.0.1\nport=%1\nsecurity=none\nfrom_address=box-office@"
                              "venue.example\nfrom_name=Venue A Box Office\ntimeout_seconds=10\nretry_seconds=1\n")
            .arg(port);
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

    // Pushes one operation inserting an email_request; the row's id.
    QString queueEmail(const QString& recipient, const QString& templateName, const QJsonObject& details)
    {
        const QString id = uuid();
        const QJsonObject fields{
            {QStringLiteral("id"), id},
            {QStringLiteral("recipient"), recipient},
            {QStringLiteral("template"), templateName},
            {QStringLiteral("details"), QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))},
            {QStringLiteral("created_at"), QStringLiteral("2026-12-01T17:40:00.000Z")}};
        const auto r =
            m_api->post(QStringLiteral("/v1/push"),
                        pushBody(m_ws, QJsonArray{operation(uuid(), nextClock(), m_boId,
                                                            QJsonArray{change(QStringLiteral("email_request"), id,
                                                                              QStringLiteral("insert"), fields)})}),
                        m_bo);
        if (r.status != 200 ||
            r.json.value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("status")) !=
                QStringLiteral("applied"))
            qWarning("push: %d %s", r.status, r.raw.constData());
        return id;
    }

    QJsonObject contactEmail(const QString& subject, const QString& body)
    {
        // What PatronActivityRepository::writeQueuedEmail puts in details; from/reply_to as the workstation knew them.
        return {{QStringLiteral("id"), uuid()},
                {QStringLiteral("to"), QStringLiteral("ignored@example.org")},
                {QStringLiteral("from"), QStringLiteral("someone.else@example.org")},
                {QStringLiteral("from_name"), QStringLiteral("Someone Else")},
                {QStringLiteral("reply_to"), QStringLiteral("someone.else@example.org")},
                {QStringLiteral("subject"), subject},
                {QStringLiteral("body"), body}};
    }

    // The email_request row as a workstation pulls it.
    QJsonObject pulled(const QString& id, qint64* seq = nullptr)
    {
        const auto r = m_api->get(QStringLiteral("/v1/pull?after=0&limit=5000"), m_bo);
        QJsonObject found;
        for (const QJsonValue& v : r.json.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("table")).toString() == QLatin1String("email_request") &&
                c.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString() == id) {
                found = c.value(QStringLiteral("row")).toObject();
                if (seq)
                    *seq = c.value(QStringLiteral("seq")).toInteger();
            }
        }
        return found;
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
        q.prepare(QStringLiteral("UPDATE staff SET email = ?, display_name = ? WHERE username = 'kim'"));
        q.addBindValue(m_staffEmail);
        q.addBindValue(m_staffName);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

        SmtpSink::Options options;
        options.refuse = {m_refused};
        const QString sink = m_sink.start(options);
        QVERIFY2(sink.isEmpty(), qPrintable(sink));
        setSmtp(plainSmtp(m_sink.port()));
        const QString s = m_server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        m_api = std::make_unique<ApiClient>(m_server->baseUrl(), m_server->caCertificates());
        const SignedIn admin = signIn(*m_api, QStringLiteral("ada"));
        const auto r =
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), uuid()}}, admin.token);
        QCOMPARE(r.status, 200);
        m_ws = r.json.value(QStringLiteral("workstation_id")).toString();
        const SignedIn kim = signIn(*m_api, QStringLiteral("kim"), m_ws);
        QVERIFY(!kim.token.isEmpty());
        m_bo = kim.token;
        m_boId = kim.staffId;
    }

    void cleanupTestCase()
    {
        if (qEnvironmentVariableIsSet("FOYER_SERVER_LOG") && m_server)
            qWarning("server log:\n%s\nsink log:\n%s", m_server->log().constData(), m_sink.log().constData());
        m_server.reset();
    }

    void dotStuffing()
    {
        QCOMPARE(foyer::server::SmtpClient::dotStuffed("a\r\n.b\n..c\r\n.\r\n"),
                 QByteArray("a\r\n..b\r\n...c\r\n..\r\n.\r\n"));
        QCOMPARE(foyer::server::SmtpClient::dotStuffed("no final break"), QByteArray("no final break\r\n.\r\n"));
    }

    void sendsOneMessage()
    {
        const QString subject = QStringLiteral("Your seats for Twelfth Night — Ünïcode ☃");
        const QString body = QStringLiteral("Dear Ada,\n\nYour seats are held.\n.\n..two dots\n€5 off, naïve café.\n");
        const QString id = queueEmail(QStringLiteral("ada@example.org"), QString(), contactEmail(subject, body));
        QCOMPARE(pulled(id).value(QStringLiteral("status")), QJsonValue(QJsonValue::Undefined));
        qint64 before = 0;
        pulled(id, &before);

        QCOMPARE(sendMail(), 0);
        const QList<QJsonObject> got = m_sink.messages();
        QCOMPARE(got.size(), 1);
        const QJsonObject m = got.first();
        QCOMPARE(m.value(QStringLiteral("mail_from")).toString(), QStringLiteral("box-office@venue.example"));
        QCOMPARE(m.value(QStringLiteral("rcpt_tos")).toArray(), QJsonArray{QStringLiteral("ada@example.org")});
        QCOMPARE(m.value(QStringLiteral("from_addr")).toString(), QStringLiteral("box-office@venue.example"));
        QCOMPARE(m.value(QStringLiteral("from_name")).toString(), QStringLiteral("Venue A Box Office"));
        // Replies go to the staff member as the server knows them, not to what the workstation wrote.
        QCOMPARE(m.value(QStringLiteral("reply_to_addr")).toString(), m_staffEmail);
        QCOMPARE(m.value(QStringLiteral("reply_to_name")).toString(), m_staffName);
        QCOMPARE(m.value(QStringLiteral("to_addr")).toString(), QStringLiteral("ada@example.org"));
        QCOMPARE(m.value(QStringLiteral("subject")).toString(), subject);
        QCOMPARE(m.value(QStringLiteral("body")).toString(), body);
        QCOMPARE(m.value(QStringLiteral("content_type")).toString(), QStringLiteral("text/plain"));
        QCOMPARE(m.value(QStringLiteral("charset")).toString().toLower(), QStringLiteral("utf-8"));
        QCOMPARE(m.value(QStringLiteral("message_id")).toString(), QStringLiteral("<%1@venue.example>").arg(id));
        QVERIFY(!m.value(QStringLiteral("date")).toString().isEmpty());
        // Every header line of the raw message is ASCII and at most 78 characters.
        const QByteArray raw = m_sink.raw(0);
        const QByteArray headers = raw.left(raw.indexOf("\r\n\r\n"));
        for (const QByteArray& line : headers.split('\n')) {
            QVERIFY2(line.size() <= 79, line.constData());
            for (const char c : line)
                QVERIFY(static_cast<unsigned char>(c) < 0x80);
        }

        qint64 after = 0;
        const QJsonObject row = pulled(id, &after);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(row.value(QStringLiteral("last_error")).isNull());
        QVERIFY(QDateTime::fromString(row.value(QStringLiteral("sent_at")).toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(row.value(QStringLiteral("recipient")).toString(), QStringLiteral("ada@example.org"));
        QVERIFY(after > before);
        // The server's change won the merge: its clock is later than the workstation's insert.
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT field_clock->>'status', field_clock->>'$row' FROM row_state WHERE "
                                 "table_name = 'email_request' AND row_key = ?"));
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        QVERIFY(q.value(0).toString().endsWith(QLatin1String("-server")));
        QVERIFY(q.value(0).toString() > q.value(1).toString());

        // Again: nothing is sent twice.
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), 1);
        qint64 still = 0;
        pulled(id, &still);
        QCOMPARE(still, after);
    }

    void refusedRecipientFails()
    {
        const int before = static_cast<int>(m_sink.messages().size());
        const QString id = queueEmail(m_refused, QString(),
                                      contactEmail(QStringLiteral("Hello"), QStringLiteral("Nobody reads this.")));
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before);
        const QJsonObject row = pulled(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 1);
        const QString error = row.value(QStringLiteral("last_error")).toString();
        QVERIFY2(error.contains(QLatin1String("550")) &&
                     error.contains(QLatin1String("Recipient address rejected: no such mailbox here")),
                 qPrintable(error));
        // A failed request is not tried again.
        QCOMPARE(sendMail(), 0);
        QCOMPARE(pulled(id).value(QStringLiteral("attempts")).toInt(), 1);
    }

    void headerInjectionRefused()
    {
        const int before = static_cast<int>(m_sink.messages().size());
        const QString bad = queueEmail(QStringLiteral("ada@example.org\r\nBcc: victim@example.org"), QString(),
                                       contactEmail(QStringLiteral("Hi"), QStringLiteral("Body")));
        const QString folded =
            queueEmail(QStringLiteral("ada@example.org"), QString(),
                       contactEmail(QStringLiteral("Two\r\nBcc: victim@example.org"), QStringLiteral("Body")));
        QCOMPARE(sendMail(), 0);
        const QJsonObject badRow = pulled(bad);
        QCOMPARE(badRow.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY(badRow.value(QStringLiteral("last_error")).toString().contains(QLatin1String("not a plain email")));
        QCOMPARE(pulled(folded).value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        const QList<QJsonObject> got = m_sink.messages();
        QCOMPARE(got.size(), before + 1);
        const QJsonObject m = got.last();
        QCOMPARE(m.value(QStringLiteral("subject")).toString(), QStringLiteral("Two Bcc: victim@example.org"));
        QVERIFY(!m.value(QStringLiteral("headers")).toArray().contains(QStringLiteral("Bcc")));
        QCOMPARE(m.value(QStringLiteral("rcpt_tos")).toArray(), QJsonArray{QStringLiteral("ada@example.org")});
    }

    void managerNotice()
    {
        const QString id = queueEmail(QStringLiteral("members@venue.example"), QStringLiteral("member_details_changed"),
                                      {{QStringLiteral("to"), QStringLiteral("members@venue.example")},
                                       {QStringLiteral("template"), QStringLiteral("member_details_changed")},
                                       {QStringLiteral("membership_number"), QStringLiteral("M-1042")},
                                       {QStringLiteral("subject"), QStringLiteral("Member details changed: M-1042")}});
        // A link email without [portal] base_url in the configuration stays queued, and says why.
        const QString later = queueEmail(QStringLiteral("member@example.org"), QStringLiteral("member_set_password"),
                                         {{QStringLiteral("membership_id"), uuid()}});
        QCOMPARE(sendMail(), 0);
        QCOMPARE(pulled(id).value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        const QJsonObject m = m_sink.messages().last();
        QCOMPARE(m.value(QStringLiteral("subject")).toString(), QStringLiteral("Member details changed: M-1042"));
        QVERIFY(m.value(QStringLiteral("body")).toString().contains(QStringLiteral("M-1042")));
        QVERIFY(m.value(QStringLiteral("body")).toString().contains(m_staffName));
        QCOMPARE(m.value(QStringLiteral("reply_to_addr")).toString(), m_staffEmail);
        const QJsonObject waiting = pulled(later);
        QCOMPARE(waiting.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QVERIFY2(waiting.value(QStringLiteral("last_error")).toString().contains(QLatin1String("[portal] base_url")),
                 qPrintable(waiting.value(QStringLiteral("last_error")).toString()));
        QVERIFY(waiting.value(QStringLiteral("attempts")).isUndefined());
        // Said once, not rewritten every round.
        qint64 seq = 0;
        pulled(later, &seq);
        QCOMPARE(sendMail(), 0);
        qint64 still = 0;
        pulled(later, &still);
        QCOMPARE(still, seq);
    }

    void relayDownRetries()
    {
        const int before = static_cast<int>(m_sink.messages().size());
        m_sink.stop();
        const QString id = queueEmail(QStringLiteral("bob@example.org"), QString(),
                                      contactEmail(QStringLiteral("Retry me"), QStringLiteral("Second time lucky.")));
        QCOMPARE(sendMail(), 0);
        QJsonObject row = pulled(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 1);
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("Cannot connect")),
                 qPrintable(row.value(QStringLiteral("last_error")).toString()));
        QVERIFY(QDateTime::fromString(row.value(QStringLiteral("next_attempt_at")).toString(), Qt::ISODateWithMs)
                    .isValid());

        // The relay is back: after the backoff (retry_seconds=1) it goes, once.
        SmtpSink::Options options;
        options.refuse = {m_refused};
        const QString sink = m_sink.start(options);
        QVERIFY2(sink.isEmpty(), qPrintable(sink));
        setSmtp(plainSmtp(m_sink.port()));
        QThread::msleep(1200);
        QCOMPARE(sendMail(), 0);
        row = pulled(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 2);
        QVERIFY(row.value(QStringLiteral("last_error")).isNull());
        QVERIFY(row.value(QStringLiteral("next_attempt_at")).isNull());
        QCOMPARE(m_sink.messages().size(), before + 1);
        QCOMPARE(m_sink.messages().last().value(QStringLiteral("subject")).toString(), QStringLiteral("Retry me"));
        QCOMPARE(sendMail(), 0);
        QCOMPARE(m_sink.messages().size(), before + 1);
    }

    void startTlsAndAuth()
    {
        // The sink requires STARTTLS (the server test CA's certificate for 127.0.0.1) and AUTH.
        const QString dir = QFileInfo(m_server->configPath()).absolutePath();
        const QString relayPassword = QStringLiteral("relay-secret-7f3e");
        SmtpSink::Options options;
        options.certificate = dir + QStringLiteral("/server.crt");
        options.key = dir + QStringLiteral("/server.key");
        options.username = QStringLiteral("foyer-relay");
        options.password = relayPassword;
        const QString sink = m_sink.start(options);
        QVERIFY2(sink.isEmpty(), qPrintable(sink));
        const int before = static_cast<int>(m_sink.messages().size());
        const QString base = QStringLiteral("enabled=false\nhost=127.0.0.1\nport=%1\nfrom_address=box-office@venue."
                                            "example\ntimeout_seconds=10\nretry_seconds=0\nusername=foyer-relay\n")
                                 .arg(m_sink.port());

        // Without the CA the relay's certificate is not trusted: nothing is sent, the reason is kept.
        setSmtp(base + QStringLiteral("security=starttls\npassword=%1\n").arg(relayPassword));
        const QString id = queueEmail(QStringLiteral("tls@example.org"), QString(),
                                      contactEmail(QStringLiteral("Over TLS"), QStringLiteral("Encrypted.")));
        QByteArray log;
        QCOMPARE(sendMail(&log), 0);
        QJsonObject row = pulled(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("TLS")),
                 qPrintable(row.value(QStringLiteral("last_error")).toString()));

        // A wrong password: refused at sign-in, still queued.
        setSmtp(base + QStringLiteral("security=starttls\nca_file=ca.crt\npassword=wrong-password\n"));
        QCOMPARE(sendMail(&log), 0);
        row = pulled(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 2);
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("535")),
                 qPrintable(row.value(QStringLiteral("last_error")).toString()));

        setSmtp(base + QStringLiteral("security=starttls\nca_file=ca.crt\npassword=%1\n").arg(relayPassword));
        QCOMPARE(sendMail(&log), 0);
        row = pulled(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 3);
        const QList<QJsonObject> got = m_sink.messages();
        QCOMPARE(got.size(), before + 1);
        QVERIFY(got.last().value(QStringLiteral("tls")).toBool());
        QCOMPARE(got.last().value(QStringLiteral("auth")).toString(), QStringLiteral("foyer-relay"));
        // The password is in no log line and nowhere in the database.
        QVERIFY(!log.contains(relayPassword.toUtf8()));
        QVERIFY(!m_server->log().contains(relayPassword.toUtf8()));
        QSqlQuery q(db());
        QVERIFY(
            q.exec(QStringLiteral("SELECT count(*) FROM row_state WHERE data::text LIKE '%%1%'").arg(relayPassword)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Credentials are never sent in the clear.
        setSmtp(base + QStringLiteral("security=none\npassword=%1\n").arg(relayPassword));
        const QString clear = queueEmail(QStringLiteral("clear@example.org"), QString(),
                                         contactEmail(QStringLiteral("Clear"), QStringLiteral("Text.")));
        QCOMPARE(sendMail(&log), 0);
        row = pulled(clear);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QVERIFY(m_sink.messages().size() == before + 1);
    }

    void serveSendsOnItsTimer()
    {
        SmtpSink::Options options;
        const QString sink = m_sink.start(options);
        QVERIFY2(sink.isEmpty(), qPrintable(sink));
        const int before = static_cast<int>(m_sink.messages().size());
        setSmtp(plainSmtp(m_sink.port()).replace(QLatin1String("enabled=false"), QLatin1String("enabled=true")) +
                QStringLiteral("interval_seconds=1\n"));
        m_server->stop();
        const QString s = m_server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        const QString id = queueEmail(QStringLiteral("timer@example.org"), QString(),
                                      contactEmail(QStringLiteral("From serve"), QStringLiteral("On a timer.")));
        QTRY_COMPARE_WITH_TIMEOUT(pulled(id).value(QStringLiteral("status")).toString(), QStringLiteral("sent"), 30000);
        QCOMPARE(m_sink.messages().size(), before + 1 + 1); // and the one left queued by the last test
    }
};

QTEST_GUILESS_MAIN(TestServerMail)
#include "TestServerMail.moc"
