#include "SyncStatusIndicator.h"

#include "SyncStatusText.h"

namespace foyer::gui {

SyncStatusIndicator::SyncStatusIndicator(QWidget* parent)
    : QToolButton(parent)
{
    setObjectName(QStringLiteral("syncStatusIndicator"));
    setAccessibleName(tr("Sync status"));
    setAutoRaise(true);
    setFocusPolicy(Qt::TabFocus);
    showStatus(m_status);
}

void SyncStatusIndicator::showStatus(const sync::SyncStatus& status)
{
    m_status = status;
    setText(SyncStatusText::line(status));
    // The status bar gives permanent widgets only what they ask for: ask for the whole line, never a clipped one.
    setMinimumWidth(fontMetrics().horizontalAdvance(text()) + 2 * fontMetrics().averageCharWidth() + 8);
    setToolTip(SyncStatusText::tooltip(status));
    setAccessibleDescription(SyncStatusText::tooltip(status));
    const bool needsLook = status.refused > 0 || (status.configured && !status.problem.isEmpty());
    setStyleSheet(needsLook ? QStringLiteral("color: #a40000; font-weight: bold;") : QString());
}

} // namespace foyer::gui
