#include "ServerFixture.h"

#include <QTest>

using namespace serverfixture;

// Staff administration on the server (admin only) and the staff directory every signed-in member sees.
class TestServerStaff : public QObject
{
    Q_OBJECT

private:
    Stack m_stack;
    std::unique_ptr<ApiClient> m_api;
    QString m_admin, m_adminId, m_bea;
    QString m_boId;

    QJsonObject byUsername(const QJsonArray& staff, const QString& username)
    {
        for (const QJsonValue& v : staff)
            if (v.toObject().value(QStringLiteral("username")).toString() == username)
                return v.toObject();
        return {};
    }

    ApiClient::Reply signInWith(const QString& username, const QString& secret)
    {
        return m_api->post(QStringLiteral("/v1/sign-in"),
                           {{QStringLiteral("username"), username}, {QStringLiteral("password"), secret}});
    }

private slots:
    void initTestCase()
    {
        const QString started = m_stack.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue A"), QStringLiteral("ada"), QStringLiteral("admin")),
                 QString());
        QCOMPARE(m_stack.createStaff(QStringLiteral("Venue B"), QStringLiteral("bea"), QStringLiteral("admin")),
                 QString());
        QCOMPARE(m_stack.openCheck(QStringLiteral("check-staff")), QString());
        const QString s = m_stack.server->start();
        QVERIFY2(s.isEmpty(), qPrintable(s));
        m_api = std::make_unique<ApiClient>(m_stack.server->baseUrl(), m_stack.server->caCertificates());
        const SignedIn ada = signIn(*m_api, QStringLiteral("ada"));
        QVERIFY(!ada.token.isEmpty());
        m_admin = ada.token;
        m_adminId = ada.staffId;
        m_bea = signIn(*m_api, QStringLiteral("bea")).token;
        QVERIFY(!m_bea.isEmpty());
    }

    void createAndList()
    {
        const auto r = m_api->post(QStringLiteral("/v1/staff"),
                                   {{QStringLiteral("username"), QStringLiteral("bo")},
                                    {QStringLiteral("display_name"), QStringLiteral("Bo Office")},
                                    {QStringLiteral("email"), QStringLiteral("bo@venue.example")},
                                    {QStringLiteral("role"), QStringLiteral("box_office")},
                                    {QStringLiteral("password"), QString::fromUtf8(password)}},
                                   m_admin);
        QCOMPARE(r.status, 200);
        m_boId = r.json.value(QStringLiteral("id")).toString();
        QVERIFY(!m_boId.isEmpty());
        QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("box_office"));
        // The new account signs in.
        QCOMPARE(signInWith(QStringLiteral("bo"), QString::fromUtf8(password)).status, 200);

        const auto list = m_api->get(QStringLiteral("/v1/staff"), m_admin);
        QCOMPARE(list.status, 200);
        const QJsonArray staff = list.json.value(QStringLiteral("staff")).toArray();
        QCOMPARE(staff.size(), 2); // ada and bo; bea is another venue's
        const QJsonObject bo = byUsername(staff, QStringLiteral("bo"));
        QCOMPARE(bo.value(QStringLiteral("display_name")).toString(), QStringLiteral("Bo Office"));
        QCOMPARE(bo.value(QStringLiteral("email")).toString(), QStringLiteral("bo@venue.example"));
        QCOMPARE(bo.value(QStringLiteral("active")).toBool(), true);
        // No password hash leaves the server.
        QVERIFY(!list.raw.contains("argon2"));
        QVERIFY(!list.raw.contains("password"));
    }

    void createRefusals()
    {
        const auto body = [](const QString& username, const QString& role, const QString& secret) {
            return QJsonObject{{QStringLiteral("username"), username},
                               {QStringLiteral("role"), role},
                               {QStringLiteral("password"), secret}};
        };
        const QString good = QString::fromUtf8(password);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff"), body(QStringLiteral("BO"), QStringLiteral("manager"), good),
                            m_admin)
                     .status,
                 409); // usernames are unique regardless of case
        QCOMPARE(
            m_api->post(QStringLiteral("/v1/staff"), body(QStringLiteral("x"), QStringLiteral("boss"), good), m_admin)
                .status,
            400);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff"),
                            body(QStringLiteral("x"), QStringLiteral("manager"), QStringLiteral("short")), m_admin)
                     .status,
                 400);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff"), body(QStringLiteral("a b"), QStringLiteral("manager"), good),
                            m_admin)
                     .status,
                 400);
        // The same username in another venue is a different account.
        QCOMPARE(
            m_api
                ->post(QStringLiteral("/v1/staff"), body(QStringLiteral("bo2"), QStringLiteral("manager"), good), m_bea)
                .status,
            200);
        QCOMPARE(countOf(QStringLiteral("check-staff"), QStringLiteral("SELECT count(*) FROM staff")), 4);
    }

    void onlyAdmins()
    {
        const SignedIn bo = signIn(*m_api, QStringLiteral("bo"));
        QVERIFY(!bo.token.isEmpty());
        QCOMPARE(m_api->get(QStringLiteral("/v1/staff"), bo.token).status, 403);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff"),
                            {{QStringLiteral("username"), QStringLiteral("sneaky")},
                             {QStringLiteral("role"), QStringLiteral("admin")},
                             {QStringLiteral("password"), QString::fromUtf8(password)}},
                            bo.token)
                     .status,
                 403);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/%1").arg(m_boId),
                            {{QStringLiteral("role"), QStringLiteral("admin")}}, bo.token)
                     .status,
                 403);
        QCOMPARE(m_api->get(QStringLiteral("/v1/staff")).status, 401);
        // Another venue's admin cannot see or change this venue's staff.
        QCOMPARE(
            m_api->post(QStringLiteral("/v1/staff/%1").arg(m_boId), {{QStringLiteral("disabled"), true}}, m_bea).status,
            404);
        const auto beaList = m_api->get(QStringLiteral("/v1/staff"), m_bea);
        QVERIFY(byUsername(beaList.json.value(QStringLiteral("staff")).toArray(), QStringLiteral("bo")).isEmpty());
        // Any signed-in member reads the directory of their venue.
        const auto directory = m_api->get(QStringLiteral("/v1/staff/directory"), bo.token);
        QCOMPARE(directory.status, 200);
        const QJsonArray staff = directory.json.value(QStringLiteral("staff")).toArray();
        QCOMPARE(staff.size(), 2);
        const QJsonObject ada = byUsername(staff, QStringLiteral("ada"));
        QCOMPARE(ada.value(QStringLiteral("id")).toString(), m_adminId);
        QCOMPARE(ada.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QVERIFY(ada.contains(QStringLiteral("email")));
        QVERIFY(ada.contains(QStringLiteral("display_name")));
        QCOMPARE(ada.value(QStringLiteral("active")).toBool(), true);
    }

    void updateFields()
    {
        const auto r = m_api->post(QStringLiteral("/v1/staff/%1").arg(m_boId),
                                   {{QStringLiteral("role"), QStringLiteral("manager")},
                                    {QStringLiteral("display_name"), QStringLiteral("Bo Manager")},
                                    {QStringLiteral("email"), QStringLiteral("")}},
                                   m_admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("manager"));
        const QJsonObject bo =
            byUsername(m_api->get(QStringLiteral("/v1/staff"), m_admin).json.value(QStringLiteral("staff")).toArray(),
                       QStringLiteral("bo"));
        QCOMPARE(bo.value(QStringLiteral("role")).toString(), QStringLiteral("manager"));
        QCOMPARE(bo.value(QStringLiteral("display_name")).toString(), QStringLiteral("Bo Manager"));
        QCOMPARE(bo.value(QStringLiteral("email")).toString(), QString());
        // The role a session checks is the account's current one: bo, now a manager, may register a workstation.
        const SignedIn s = signIn(*m_api, QStringLiteral("bo"));
        QCOMPARE(
            m_api->post(QStringLiteral("/v1/workstations"), {{QStringLiteral("database_id"), uuid()}}, s.token).status,
            200);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/%1").arg(m_boId),
                            {{QStringLiteral("role"), QStringLiteral("wizard")}}, m_admin)
                     .status,
                 400);
        QCOMPARE(m_api->post(QStringLiteral("/v1/staff/%1").arg(uuid()), {{QStringLiteral("disabled"), true}}, m_admin)
                     .status,
                 404);
    }

    void disablingEndsSessionsAtOnce()
    {
        const SignedIn s1 = signIn(*m_api, QStringLiteral("bo"));
        const SignedIn s2 = signIn(*m_api, QStringLiteral("bo"));
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), s1.token).status, 200);
        const auto off =
            m_api->post(QStringLiteral("/v1/staff/%1").arg(m_boId), {{QStringLiteral("disabled"), true}}, m_admin);
        QCOMPARE(off.status, 200);
        QCOMPARE(off.json.value(QStringLiteral("active")).toBool(), false);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), s1.token).status, 401);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), s2.token).status, 401);
        QCOMPARE(countOf(QStringLiteral("check-staff"),
                         QStringLiteral("SELECT count(*) FROM staff_session WHERE staff_id = '%1'").arg(m_boId)),
                 0);
        QCOMPARE(signInWith(QStringLiteral("bo"), QString::fromUtf8(password)).status, 401);
        // The directory still lists the account, as inactive (its past operations name it).
        const QJsonObject bo = byUsername(
            m_api->get(QStringLiteral("/v1/staff/directory"), m_admin).json.value(QStringLiteral("staff")).toArray(),
            QStringLiteral("bo"));
        QCOMPARE(bo.value(QStringLiteral("active")).toBool(), false);
        QCOMPARE(m_api->post(QStringLiteral("/v1/staff/%1").arg(m_boId), {{QStringLiteral("disabled"), false}}, m_admin)
                     .status,
                 200);
        QCOMPARE(signInWith(QStringLiteral("bo"), QString::fromUtf8(password)).status, 200);
    }

    void passwordReset()
    {
        const SignedIn s = signIn(*m_api, QStringLiteral("bo"));
        QVERIFY(!s.token.isEmpty());
        const QString fresh = QStringLiteral("a brand new passphrase");
        QCOMPARE(m_api->post(QStringLiteral("/v1/staff/%1").arg(m_boId), {{QStringLiteral("password"), fresh}}, m_admin)
                     .status,
                 200);
        QCOMPARE(m_api->get(QStringLiteral("/v1/pull"), s.token).status, 401);
        QCOMPARE(signInWith(QStringLiteral("bo"), QString::fromUtf8(password)).status, 401);
        QCOMPARE(signInWith(QStringLiteral("bo"), fresh).status, 200);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/%1").arg(m_boId),
                            {{QStringLiteral("password"), QStringLiteral("short")}}, m_admin)
                     .status,
                 400);
    }

    void lastAdminStays()
    {
        const auto self =
            m_api->post(QStringLiteral("/v1/staff/%1").arg(m_adminId), {{QStringLiteral("disabled"), true}}, m_admin);
        QCOMPARE(self.status, 409);
        QCOMPARE(self.json.value(QStringLiteral("error")).toString(), QStringLiteral("last_admin"));
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/%1").arg(m_adminId),
                            {{QStringLiteral("role"), QStringLiteral("manager")}}, m_admin)
                     .status,
                 409);
        QCOMPARE(m_api->get(QStringLiteral("/v1/staff"), m_admin).status, 200);
        // With a second admin, the first may step down.
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/%1").arg(m_boId),
                            {{QStringLiteral("role"), QStringLiteral("admin")}}, m_admin)
                     .status,
                 200);
        QCOMPARE(m_api
                     ->post(QStringLiteral("/v1/staff/%1").arg(m_adminId),
                            {{QStringLiteral("role"), QStringLiteral("manager")}}, m_admin)
                     .status,
                 200);
        // ada is a manager now: no more staff administration.
        QCOMPARE(m_api->get(QStringLiteral("/v1/staff"), m_admin).status, 403);
    }

    void pullCarriesTheDirectory()
    {
        const auto first = m_api->get(QStringLiteral("/v1/pull?after=0"), m_admin);
        QCOMPARE(first.status, 200);
        const QJsonArray staff = first.json.value(QStringLiteral("staff")).toArray();
        QCOMPARE(staff.size(), 2);
        const QJsonObject bo = byUsername(staff, QStringLiteral("bo"));
        QCOMPARE(bo.value(QStringLiteral("id")).toString(), m_boId);
        QCOMPARE(bo.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(bo.value(QStringLiteral("display_name")).toString(), QStringLiteral("Bo Manager"));
        QCOMPARE(bo.value(QStringLiteral("active")).toBool(), true);
        QVERIFY(!first.raw.contains("argon2"));
        // Every page carries it, also past the start.
        const auto later = m_api->get(QStringLiteral("/v1/pull?after=123456"), m_admin);
        QCOMPARE(later.json.value(QStringLiteral("staff")).toArray(), staff);
        // Venue B's pull carries venue B's staff only.
        const QJsonArray b =
            m_api->get(QStringLiteral("/v1/pull?after=0"), m_bea).json.value(QStringLiteral("staff")).toArray();
        QCOMPARE(b.size(), 2);
        QVERIFY(!byUsername(b, QStringLiteral("bo2")).isEmpty());
        QVERIFY(byUsername(b, QStringLiteral("ada")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerStaff)
#include "TestServerStaff.moc"
