#include "LockScreen.h"

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace foyer::gui {

LockScreen::LockScreen(SignInDialog::SignInCheck check, QWidget* parent)
    : QWidget(parent)
    , m_check(std::move(check))
    , m_title(new QLabel(tr("Foyer is locked"), this))
    , m_who(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_unlock(new QPushButton(tr("&Unlock"), this))
{
    setObjectName(QStringLiteral("lockScreen"));
    setAccessibleName(tr("Locked workstation"));
    setAutoFillBackground(true); // opaque: nothing of the window shows through

    m_title->setObjectName(QStringLiteral("lockTitle"));
    m_title->setAccessibleName(tr("Locked"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_who->setObjectName(QStringLiteral("lockedByLabel"));
    m_who->setAccessibleName(tr("Who locked the window"));
    m_who->setWordWrap(true);
    m_who->setAlignment(Qt::AlignCenter);
    m_username->setObjectName(QStringLiteral("lockUsernameField"));
    m_username->setAccessibleName(tr("User name"));
    m_password->setObjectName(QStringLiteral("lockPasswordField"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_problem->setObjectName(QStringLiteral("lockProblemLabel"));
    m_problem->setAccessibleName(tr("Why the window stayed locked"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_problem->hide();
    m_unlock->setObjectName(QStringLiteral("unlockButton"));
    m_unlock->setAccessibleName(tr("Unlock"));
    m_unlock->setDefault(true);

    auto* form = new QFormLayout;
    auto* userCaption = new QLabel(tr("User &name:"), this);
    userCaption->setObjectName(QStringLiteral("lockUsernameCaption"));
    userCaption->setBuddy(m_username);
    auto* passwordCaption = new QLabel(tr("&Password:"), this);
    passwordCaption->setObjectName(QStringLiteral("lockPasswordCaption"));
    passwordCaption->setBuddy(m_password);
    form->addRow(userCaption, m_username);
    form->addRow(passwordCaption, m_password);

    // A fixed width, so the wrapped text below the title gets the height it needs.
    auto* panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("lockPanel"));
    panel->setAccessibleName(tr("Unlock"));
    panel->setFrameShape(QFrame::StyledPanel);
    panel->setFixedWidth(480);
    auto* panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(24, 20, 24, 20);
    panelLayout->addWidget(m_title);
    panelLayout->addWidget(m_who);
    panelLayout->addSpacing(12);
    panelLayout->addLayout(form);
    panelLayout->addWidget(m_problem);
    panelLayout->addWidget(m_unlock, 0, Qt::AlignRight);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(panel, 0, Qt::AlignHCenter);
    layout->addStretch(2);

    setTabOrder(m_username, m_password);
    setTabOrder(m_password, m_unlock);
    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::submit);
    connect(m_password, &QLineEdit::returnPressed, this, &LockScreen::submit);
    connect(m_username, &QLineEdit::returnPressed, this, [this] { m_password->setFocus(); });
    hide();
}

void LockScreen::lockFor(const core::StaffMember& staff)
{
    m_who->setText(staff.displayName.isEmpty()
                       ? tr("Enter your password to unlock.")
                       : tr("Locked by %1. Enter your password to go on where you left off; a colleague signs "
                            "in with their own user name and password.")
                             .arg(staff.displayName));
    m_username->setText(staff.username);
    m_password->clear();
    m_problem->hide();
    m_problem->clear();
    if (QWidget* window = parentWidget())
        setGeometry(window->rect());
    show();
    raise();
    m_password->setFocus(Qt::OtherFocusReason);
}

void LockScreen::showEvent(QShowEvent* event)
{
    qApp->installEventFilter(this);
    QWidget::showEvent(event);
}

void LockScreen::hideEvent(QHideEvent* event)
{
    qApp->removeEventFilter(this);
    QWidget::hideEvent(event);
}

void LockScreen::showProblem(const QString& message)
{
    m_problem->setText(message);
    m_problem->show();
}

void LockScreen::submit()
{
    const QString username = m_username->text().trimmed();
    if (username.isEmpty()) {
        showProblem(tr("Enter your user name."));
        m_username->setFocus();
        return;
    }
    // Into locked memory at once; the widget's copy goes with clear().
    QString typed = m_password->text();
    const core::SecureBuffer password = core::SecureBuffer::fromUtf8(typed);
    core::SecureBuffer::wipe(typed);
    m_password->clear();
    QString error;
    const std::optional<core::StaffMember> member = m_check ? m_check(username, password, &error) : std::nullopt;
    if (!member) {
        showProblem(error.isEmpty() ? tr("Wrong user name or password.") : error);
        m_password->setFocus();
        return;
    }
    m_problem->hide();
    emit unlocked(*member);
}

bool LockScreen::focusNextPrevChild(bool next)
{
    // Tab and Shift+Tab go round the form, never out to the window under the cover.
    const QList<QWidget*> chain = {m_username, m_password, m_unlock};
    const qsizetype at = chain.indexOf(focusWidget());
    const qsizetype step = next ? 1 : chain.size() - 1;
    chain.at(at < 0 ? 1 : (at + step) % chain.size())->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

bool LockScreen::eventFilter(QObject* watched, QEvent* event)
{
    // While locked, the window's shortcuts and menu actions (Ctrl+N, Ctrl+Shift+O, ...) do nothing; the form's own
    // access keys still work.
    if (event->type() == QEvent::Shortcut && isVisible()) {
        auto* widget = qobject_cast<QWidget*>(watched);
        if (!widget || (widget != this && !isAncestorOf(widget)))
            return true;
    }
    if (event->type() == QEvent::FocusIn && isVisible()) {
        // Focus that goes to anything of the window outside the form (a click under the cover) comes back.
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget && widget->window() == window() && widget != this && !isAncestorOf(widget))
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (isVisible())
                        m_password->setFocus(Qt::OtherFocusReason);
                },
                Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace foyer::gui
