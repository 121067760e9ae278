<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User name *</source>
        <translation>用户名 *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Temporary password *</source>
        <translation>临时密码 *</translation>
    </message>
    <message>
        <source>Password again *</source>
        <translation>确认密码 *</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>所属部门</translation>
    </message>
    <message>
        <source>Roles *</source>
        <translation>角色 *</translation>
    </message>
    <message>
        <source>Roles apply to</source>
        <translation>角色适用范围</translation>
    </message>
    <message>
        <source>The whole institution</source>
        <translation>全单位</translation>
    </message>
    <message>
        <source>The user chooses a new password at the first login.</source>
        <translation>用户首次登录时须设置自己的密码。</translation>
    </message>
</context>
<context>
    <name>AfterInterviewSettings</name>
    <message>
        <source>Thank-you message</source>
        <translation>致谢消息</translation>
    </message>
    <message>
        <source>Next step when none was told</source>
        <translation>未告知下一步时的默认说法</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>满意度问卷</translation>
    </message>
    <message>
        <source>Questions (one a line)</source>
        <translation>问卷题目（每行一题）</translation>
    </message>
    <message>
        <source>Questions in English</source>
        <translation>英文题目</translation>
    </message>
    <message>
        <source>Answer to “进度”</source>
        <translation>“进度”查询的答复</translation>
    </message>
    <message>
        <source>Stage and next step</source>
        <translation>当前阶段及下一步</translation>
    </message>
    <message>
        <source>Stage only</source>
        <translation>仅当前阶段</translation>
    </message>
    <message>
        <source>Only that HR will be in touch</source>
        <translation>仅告知人事处将联系本人</translation>
    </message>
    <message>
        <source>Send within 10 minutes of the interview&apos;s end</source>
        <translation>面试结束后10分钟内发送</translation>
    </message>
    <message>
        <source>Ask 3 to 5 questions, answered 1 to 5 by replying with digits</source>
        <translation>3至5道题，候选人回复数字1至5作答</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>After each interview the candidate is thanked by e-mail and SMS, told the next step the interviewer gave at the close, and asked a short survey. The wording is in Message templates. A candidate who replies “进度” or “progress” is answered at once with what you allow here.</source>
        <translation>每场面试结束后，系统通过邮件和短信向候选人致谢，告知面试官收尾时说明的下一步安排，并附一份简短问卷。消息措辞在“消息模板”中修改。候选人回复“进度”或“progress”时，系统按此处允许的范围自动答复。</translation>
    </message>
    <message>
        <source>Write 3 to 5 questions, one a line (now {0}).</source>
        <translation>请填写3至5道题，每行一题（现为{0}道）。</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <source>Open Today</source>
        <translation>查看今日</translation>
    </message>
    <message>
        <source>Open the interview</source>
        <translation>打开该面试</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>{0} new alerts</source>
        <translation>{0} 条新提醒</translation>
    </message>
    <message>
        <source>My notices: {0} new</source>
        <translation>我的通知：{0} 条新通知</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <source>Raised</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>AnchorSettings</name>
    <message>
        <source>Archive office&apos;s mailbox</source>
        <translation>档案室邮箱</translation>
    </message>
    <message>
        <source>Archive office&apos;s OA account</source>
        <translation>档案室 OA 账号</translation>
    </message>
    <message>
        <source>Publish every (hours)</source>
        <translation>发布间隔（小时）</translation>
    </message>
    <message>
        <source>Anchor folder (optional)</source>
        <translation>锚点文件夹（可选）</translation>
    </message>
    <message>
        <source>Save anchor settings</source>
        <translation>保存锚点设置</translation>
    </message>
    <message>
        <source>The audit log proves every change, but whoever holds the database key could rewrite it. Its latest entry (number and hash) is therefore sent regularly to witnesses the database cannot change: the archive office&apos;s mailbox or OA account (keep these messages), and an anchor folder, ideally on another computer. Every backup carries one too. The IT office checks the log against the saved messages and files with: interviewdesk audit verify --anchors FOLDER</source>
        <translation>审计日志记录每一次修改，但持有数据库密钥的人有可能整体改写它。因此系统定期把日志最新一条的序号和哈希（锚点）发送到数据库改不了的地方：档案室的邮箱或 OA 账号（请保留这些消息），以及锚点文件夹（最好在另一台电脑上）。每个备份也带有锚点。信息科可用 interviewdesk audit verify --anchors 文件夹 根据保存的消息和文件核验日志。</translation>
    </message>
    <message>
        <source>No anchor has gone out yet.</source>
        <translation>还没有发出过锚点。</translation>
    </message>
    <message>
        <source>Last anchor went out: {0}.</source>
        <translation>最近一次发出锚点：{0}。</translation>
    </message>
    <message>
        <source>Anchor folder</source>
        <translation>锚点文件夹</translation>
    </message>
</context>
<context>
    <name>AnchorWarning</name>
    <message>
        <source>Audit anchor settings</source>
        <translation>审计锚点设置</translation>
    </message>
    <message>
        <source>No audit log anchor has gone out for {0} days.</source>
        <translation>已有 {0} 天没有发出审计日志锚点。</translation>
    </message>
    <message>
        <source>No audit log anchor has gone out since {0} ({1} days).</source>
        <translation>自 {0} 起（{1} 天）没有发出审计日志锚点。</translation>
    </message>
    <message>
        <source>{0} Without anchors outside the database, a rewritten audit log cannot be detected. Set the archive office&apos;s mailbox, OA account or an anchor folder, and check in the Outbox that the anchor messages are sent.</source>
        <translation>{0}没有保存在数据库之外的锚点，审计日志被整体改写时将无法发现。请设置档案室邮箱、OA 账号或锚点文件夹，并在发件箱中确认锚点消息已发出。</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Answer the candidate&apos;s question</source>
        <translation>答复候选人提问</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Answer due</source>
        <translation>答复截止</translation>
    </message>
    <message>
        <source>Your answer, as the candidate should read it</source>
        <translation>请输入答复内容（候选人将直接看到）</translation>
    </message>
    <message>
        <source>Send the answer</source>
        <translation>发送答复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>What the candidate receives (e-mail)</source>
        <translation>候选人将收到的内容（邮件）</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Record answer</source>
        <translation>记录答复</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Who called whom, when, what was said</source>
        <translation>谁与谁通话、何时、说了什么</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>Answer *</source>
        <translation>答复 *</translation>
    </message>
    <message>
        <source>Note *</source>
        <translation>备注 *</translation>
    </message>
</context>
<context>
    <name>ApplicationsPanel</name>
    <message>
        <source>Applicants</source>
        <translation>应聘人</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应聘记录</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>投递日期</translation>
    </message>
    <message>
        <source>Add applicant…</source>
        <translation>添加应聘人…</translation>
    </message>
    <message>
        <source>Apply to a position…</source>
        <translation>应聘岗位…</translation>
    </message>
    <message>
        <source>Change stage…</source>
        <translation>变更阶段…</translation>
    </message>
    <message>
        <source>Match with the position</source>
        <translation>与岗位的匹配度</translation>
    </message>
    <message>
        <source>Source: {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <source>Hired {0} of {1}</source>
        <translation>已录用 {0} / 招聘 {1} 人</translation>
    </message>
    <message>
        <source>showing {0} of {1}</source>
        <translation>显示 {0} / 共 {1} 条</translation>
    </message>
    <message>
        <source>No applicants yet.</source>
        <translation>暂无应聘人。</translation>
    </message>
    <message>
        <source>No application yet: apply to a position before booking an interview.</source>
        <translation>尚无应聘记录：先应聘岗位，才能安排面试。</translation>
    </message>
    <message>
        <source>(source: {0})</source>
        <translation>（来源：{0}）</translation>
    </message>
    <message>
        <source>{0} booked interview(s) kept</source>
        <translation>保留已安排的面试 {0} 场</translation>
    </message>
    <message>
        <source>cancellation requested for {0} interview(s)</source>
        <translation>已申请取消面试 {0} 场</translation>
    </message>
</context>
<context>
    <name>ApplyDialog</name>
    <message>
        <source>Apply to a position</source>
        <translation>应聘岗位</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>Empty: the candidate&apos;s source channel</source>
        <translation>留空：使用候选人的来源渠道</translation>
    </message>
    <message>
        <source>An interview is booked for an application. A candidate may apply to several positions; to the same position only once while it is open.</source>
        <translation>面试按应聘记录安排。候选人可应聘多个岗位；同一岗位的应聘未结束时不能重复应聘。</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Part of the candidate&apos;s name</source>
        <translation>候选人姓名的一部分</translation>
    </message>
    <message>
        <source>Find candidate</source>
        <translation>查找候选人</translation>
    </message>
    <message>
        <source>Candidate *</source>
        <translation>候选人 *</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Position *</source>
        <translation>岗位 *</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>There is no open position in the departments where you book interviews.</source>
        <translation>您负责安排面试的部门中没有开放的岗位。</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Nothing is waiting for your decision.</source>
        <translation>目前没有需要您处理的审批。</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation>待我处理</translation>
    </message>
    <message>
        <source>All change requests</source>
        <translation>全部变更申请</translation>
    </message>
    <message>
        <source>Offers waiting for me</source>
        <translation>待我审批的录用通知</translation>
    </message>
    <message>
        <source>Purges waiting for me</source>
        <translation>清除审批</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) waiting for you</source>
        <translation>
            <numerusform>%n 项待您处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Change request #{0}</source>
        <translation>变更申请 #{0}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Change request #{0}: {1}.</source>
        <translation>变更申请 #{0}：{1}。</translation>
    </message>
    <message>
        <source>It moves on to {0}.</source>
        <translation>已转入{0}。</translation>
    </message>
    <message>
        <source>The change is in effect; everyone is being notified.</source>
        <translation>变更已生效，正在通知各方。</translation>
    </message>
    <message>
        <source>The request is closed; the requester is told.</source>
        <translation>申请已结束，已通知申请人。</translation>
    </message>
    <message>
        <source>{0} · {1} (#{2})</source>
        <translation>{0} · {1}（#{2}）</translation>
    </message>
    <message>
        <source>Named approver</source>
        <translation>指定审批人</translation>
    </message>
    <message>
        <source>Deputy (deadline passed)</source>
        <translation>代理人（超时转办）</translation>
    </message>
    <message>
        <source>Video: {0}</source>
        <translation>视频：{0}</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消面试</translation>
    </message>
</context>
<context>
    <name>ArchiveHub</name>
    <message>
        <source>Archive register</source>
        <translation>档案登记</translation>
    </message>
    <message>
        <source>Archive packages</source>
        <translation>档案包</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>到期清理</translation>
    </message>
    <message>
        <source>Data maintenance</source>
        <translation>数据维护</translation>
    </message>
    <message>
        <source>Personal-data requests</source>
        <translation>个人信息请求</translation>
    </message>
</context>
<context>
    <name>ArchivePage</name>
    <message>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Search by archive code or title</source>
        <translation>按档号或题名搜索</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条档案</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArchiveTableModel</name>
    <message>
        <source>Archive code</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Formed on</source>
        <translation>形成日期</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Produced because</source>
        <translation>生成原因</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Application closed</source>
        <translation>应聘结束</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>按需生成</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256 校验值</translation>
    </message>
</context>
<context>
    <name>BackupSettings</name>
    <message>
        <source>Back up every day</source>
        <translation>每天自动备份</translation>
    </message>
    <message>
        <source>At (office time, HH:MM)</source>
        <translation>备份时间（办公地时间，时:分）</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>日备份</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>周备份</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>月备份</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>定时</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Save backup settings</source>
        <translation>保存备份设置</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Every day at the set time a desktop that is running writes an encrypted copy of the database into the backup folder and checks that it restores; a day the computers were off is made up when the program next starts. Use a folder on another computer (a network share) so that a broken disk does not take the backups with it. Kept: the newest backup of each of the last 7 days, 4 weeks and 12 months; older ones are removed. An empty folder means beside the database file (embedded database only).</source>
        <translation>每天到设定时间，正在运行的一台电脑会把数据库的加密副本写入备份文件夹，并检查它能否恢复；电脑关机错过的那天，会在程序下次启动时补做。请选择另一台电脑上的文件夹（网络共享），以免硬盘损坏时备份一同丢失。保留：最近 7 天、4 周和 12 个月各自最新的一份备份，更早的自动删除。文件夹留空表示放在数据库文件旁边（仅限本机数据库）。</translation>
    </message>
    <message>
        <source>Kept backups</source>
        <translation>保留的备份</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>还没有做过备份。</translation>
    </message>
    <message>
        <source>Last good backup: {0} ({1}, verified).</source>
        <translation>最近一次成功备份：{0}（{1}，已校验）。</translation>
    </message>
    <message>
        <source>The backup of {0} failed: {1}</source>
        <translation>{0} 的备份失败：{1}</translation>
    </message>
    <message>
        <source>Backups go to: {0}</source>
        <translation>备份位置：{0}</translation>
    </message>
    <message>
        <source>No backup folder is set: choose one above. On a server, the IT office can also run “interviewdesk db backup --if-due” as a scheduled task on the server.</source>
        <translation>尚未设置备份文件夹：请在上方选择。使用服务器数据库时，信息中心也可以在服务器上把“interviewdesk db backup --if-due”设为计划任务。</translation>
    </message>
    <message>
        <source>Daily backups are switched off.</source>
        <translation>每日自动备份已关闭。</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <source>Backup written and verified: {0}</source>
        <translation>备份已写入并通过校验：{0}</translation>
    </message>
</context>
<context>
    <name>BackupWarning</name>
    <message>
        <source>Backup settings</source>
        <translation>备份设置</translation>
    </message>
    <message>
        <source>No backup of the database has been made for {0} days.</source>
        <translation>数据库已经 {0} 天没有备份。</translation>
    </message>
    <message>
        <source>The last good backup of the database was made on {0}, {1} days ago.</source>
        <translation>数据库最近一次成功备份是在 {0}，已过去 {1} 天。</translation>
    </message>
    <message>
        <source> The last attempt failed: {0}</source>
        <translation>最近一次备份失败：{0}</translation>
    </message>
    <message>
        <source>{0}{1} If the disk fails now, the records since then are lost. Check the backup folder in Settings → Backups and click “Back up now”.</source>
        <translation>{0}{1}此时硬盘一旦损坏，此后的记录都将丢失。请在“设置 → 备份”中检查备份文件夹，并点击“立即备份”。</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Batch scheduling</source>
        <translation>批量安排</translation>
    </message>
    <message>
        <source>Book them all</source>
        <translation>全部预约</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Filter by name or department</source>
        <translation>按姓名或部门筛选</translation>
    </message>
    <message>
        <source>Position *</source>
        <translation>岗位 *</translation>
    </message>
    <message>
        <source>Round *</source>
        <translation>面试轮次 *</translation>
    </message>
    <message>
        <source>Applicants *</source>
        <translation>应聘人员 *</translation>
    </message>
    <message>
        <source>Day *</source>
        <translation>面试日期 *</translation>
    </message>
    <message>
        <source>First start</source>
        <translation>首场开始</translation>
    </message>
    <message>
        <source>Duration each</source>
        <translation>每场时长</translation>
    </message>
    <message>
        <source>Pause between</source>
        <translation>场间间隔</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>视频会议链接</translation>
    </message>
    <message>
        <source>Interviewers *</source>
        <translation>面试官 *</translation>
    </message>
    <message>
        <source>Preview plan</source>
        <translation>预览安排</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>安排预览</translation>
    </message>
    <message>
        <source>Consecutive slots inside working hours; times when an interviewer, the room or the candidate is taken are skipped.</source>
        <translation>在工作时间内依次安排；面试官、会议室或候选人已被占用的时段将自动跳过。</translation>
    </message>
    <message>
        <source>No room in the day for: {0}</source>
        <translation>当天无法安排：{0}</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New interview</source>
        <translation>新建面试</translation>
    </message>
    <message>
        <source>Book the next round</source>
        <translation>安排下一轮</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Candidate name, position title or code</source>
        <translation>候选人姓名、岗位名称或编号</translation>
    </message>
    <message>
        <source>Apply to a position…</source>
        <translation>应聘岗位…</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Filter by name or department</source>
        <translation>按姓名或部门筛选</translation>
    </message>
    <message>
        <source>Why the conflict is acceptable (recorded in the audit log)</source>
        <translation>说明为何可以接受此冲突（将记入审计日志）</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Application *</source>
        <translation>应聘记录 *</translation>
    </message>
    <message>
        <source>Not yet applied</source>
        <translation>尚未应聘</translation>
    </message>
    <message>
        <source>Round *</source>
        <translation>面试轮次 *</translation>
    </message>
    <message>
        <source>Date and time *</source>
        <translation>日期和时间 *</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>视频会议链接</translation>
    </message>
    <message>
        <source>Interviewers *</source>
        <translation>面试官 *</translation>
    </message>
    <message>
        <source>Observers</source>
        <translation>列席人员</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>忽略冲突的理由</translation>
    </message>
    <message>
        <source>Find free slots</source>
        <translation>查找空闲时段</translation>
    </message>
    <message>
        <source>Free slots</source>
        <translation>空闲时段</translation>
    </message>
    <message>
        <source>The earliest times in the next two weeks when the interviewers, the observers, the candidate and a room are free.</source>
        <translation>未来两周内面试官、列席人员、候选人和会议室均空闲的最早时段。</translation>
    </message>
    <message>
        <source>Conflict check</source>
        <translation>冲突检查</translation>
    </message>
    <message>
        <source>The panel is the one last booked for this round ({0}); change it if needed.</source>
        <translation>面试官沿用该轮次最近一次的安排（{0}），如需调整请修改。</translation>
    </message>
    <message>
        <source>This round has not been booked before: choose its panel.</source>
        <translation>该轮次此前未安排过：请选择面试官。</translation>
    </message>
    <message>
        <source>This round is already booked for this candidate.</source>
        <translation>该候选人的这一轮面试已安排。</translation>
    </message>
    <message>
        <source>Next round</source>
        <translation>下一轮</translation>
    </message>
    <message>
        <source>No application matches: apply the candidate to a position first.</source>
        <translation>没有匹配的应聘记录：请先为候选人应聘岗位。</translation>
    </message>
    <message>
        <source>These candidates have no open application yet.</source>
        <translation>以下候选人尚无进行中的应聘记录。</translation>
    </message>
</context>
<context>
    <name>CalendarFileDialog</name>
    <message>
        <source>Export schedule (.ics)</source>
        <translation>导出日程（.ics）</translation>
    </message>
    <message>
        <source>Import availability (.ics)</source>
        <translation>导入忙闲时间（.ics）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
    <message>
        <source>The interviews from {0}, without candidates&apos; names.</source>
        <translation>{0} 的面试安排，不含候选人姓名。</translation>
    </message>
    <message>
        <source>Busy time from the file counts for bookings from {0} to {1}. Importing the same file again replaces what it brought in before.</source>
        <translation>文件中的忙碌时间在 {0} 至 {1} 的预约中生效。再次导入同一文件会替换上次导入的内容。</translation>
    </message>
    <message>
        <source>Calendar files (*.ics);;All files (*)</source>
        <translation>日历文件 (*.ics);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>请选择文件。</translation>
    </message>
    <message>
        <source>Nobody to choose.</source>
        <translation>没有可选择的对象。</translation>
    </message>
    <message>
        <source>The file could not be opened or written ({0}).</source>
        <translation>无法打开或写入文件（{0}）。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) written to {0}.</source>
        <translation>
            <numerusform>已将 %n 场面试写入 {0}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n busy period(s) imported for {0}.</source>
        <translation>
            <numerusform>已为{0}导入 %n 段忙碌时间。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalendarFilesButton</name>
    <message>
        <source>Calendar files</source>
        <translation>日历文件</translation>
    </message>
    <message>
        <source>Export schedule (.ics)…</source>
        <translation>导出日程（.ics）…</translation>
    </message>
    <message>
        <source>Import availability (.ics)…</source>
        <translation>导入忙闲时间（.ics）…</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>HR decides</source>
        <translation>由人事处决定</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>评分校准</translation>
    </message>
    <message>
        <source>Highlighted: more than 3 points from the panel&apos;s mean on that criterion.</source>
        <translation>高亮：该项评分与组内平均相差超过3分。</translation>
    </message>
    <message>
        <source>Apply the rule</source>
        <translation>按规则判定</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Reason (required to override the rule)</source>
        <translation>原因（改判时必填）</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>改判</translation>
    </message>
    <message>
        <source>Book the next round</source>
        <translation>安排下一轮</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>面试结论</translation>
    </message>
    <message>
        <source>What the candidate should hear about the interview: strengths, what to improve. Sent with the result and the scores.</source>
        <translation>告诉候选人的面试评语：表现突出之处与可改进之处。将随面试结果和各项评分一并发送。</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Approve and send</source>
        <translation>批准并发送</translation>
    </message>
    <message>
        <source>Feedback summary for the candidate</source>
        <translation>给候选人的面试评语</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Reopen scorecard</source>
        <translation>重新开放评分表</translation>
    </message>
    <message>
        <source>Reopen the scorecard of</source>
        <translation>重新开放评分表：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Panel mean</source>
        <translation>组内平均</translation>
    </message>
    <message>
        <source>Weighted total</source>
        <translation>加权总分</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>推荐意见</translation>
    </message>
    <message>
        <source>More than 3 points from the panel&apos;s mean ({0})</source>
        <translation>与组内平均（{0}）相差超过3分</translation>
    </message>
    <message>
        <source>Not submitted yet</source>
        <translation>尚未提交</translation>
    </message>
    <message>
        <source>No proposal yet: apply the rule once every interviewer has submitted.</source>
        <translation>尚无判定：全部面试官提交后可按规则判定。</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The rule proposes</source>
        <translation>规则建议</translation>
    </message>
    <message>
        <source>The result goes to the candidate at {0}; until then the decision can still be corrected (choose the outcome, give the reason, Correct the decision).</source>
        <translation>面试结果将于 {0} 发给候选人；此前仍可更正结论（选择结论、填写理由后点击“更正结论”）。</translation>
    </message>
    <message>
        <source>The result waits for the feedback summary; until it is approved the decision can still be corrected.</source>
        <translation>面试结果待面试评语批准后发出；批准前仍可更正结论。</translation>
    </message>
    <message>
        <source>Written once the round is decided</source>
        <translation>本轮作出结论后填写</translation>
    </message>
    <message>
        <source>Approved by {0} at {1}</source>
        <translation>{0} 已于 {1} 批准</translation>
    </message>
    <message>
        <source>Awaiting your approval: the result is held until then</source>
        <translation>待您批准：批准前面试结果暂不发出</translation>
    </message>
    <message>
        <source>Book the next round: {0}</source>
        <translation>安排下一轮：{0}</translation>
    </message>
    <message>
        <source>This round is already booked for this candidate.</source>
        <translation>该候选人的这一轮面试已安排。</translation>
    </message>
    <message>
        <source>Correct the decision</source>
        <translation>更正结论</translation>
    </message>
    <message>
        <source>The round is decided: reopening a scorecard sends the decision back to proposed, unless the result already went to the candidate or an offer exists.</source>
        <translation>本轮已有结论：退回评分表会使结论回到“待确认”；若结果已通知候选人或已有录用通知，则不能退回。</translation>
    </message>
</context>
<context>
    <name>CandidateDetailPanel</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Personal-data request…</source>
        <translation>个人信息请求…</translation>
    </message>
    <message>
        <source>Record a request of this candidate about their personal data</source>
        <translation>登记该候选人关于本人个人信息的请求</translation>
    </message>
    <message>
        <source>Processing restricted on the candidate&apos;s request (PIPL): no new applications or interviews.</source>
        <translation>已应候选人请求限制处理其个人信息（个人信息保护法）：不再办理新的应聘或面试。</translation>
    </message>
    <message>
        <source>Lift restriction…</source>
        <translation>解除处理限制…</translation>
    </message>
    <message>
        <source>The candidate withdrew the restriction, or its ground is gone: processing may go on (the reason is kept in the audit log)</source>
        <translation>候选人撤回了限制请求，或限制的理由已不存在：可以继续处理其信息（原因记入审计日志）</translation>
    </message>
    <message>
        <source>Select a candidate to see the details.</source>
        <translation>请在左侧选择一名候选人查看详情。</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>应聘部门</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Certificates and more</source>
        <translation>证书及其他信息</translation>
    </message>
    <message>
        <source>Talent pool</source>
        <translation>人才库</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>到场记录</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show in clear; the access is recorded in the audit log</source>
        <translation>显示完整信息；本次查看将记入审计日志</translation>
    </message>
    <message>
        <source>Questions and answers</source>
        <translation>提问与答复</translation>
    </message>
    <message>
        <source>Lift restriction</source>
        <translation>解除处理限制</translation>
    </message>
    <message>
        <source>Why may %1&apos;s data be processed again? (required, kept in the audit log)</source>
        <translation>为什么可以继续处理%1的信息？（必填，记入审计日志）</translation>
    </message>
    <message>
        <source>Consent given on {0}</source>
        <translation>已于 {0} 同意入库</translation>
    </message>
    <message numerus="yes">
        <source>%n reschedule(s)</source>
        <translation>
            <numerusform>改期 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>爽约 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late arrival(s)</source>
        <translation>
            <numerusform>迟到 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Q</source>
        <translation>问</translation>
    </message>
    <message>
        <source>answered by {0} on {1}, {2}</source>
        <translation>{0} 于 {1} 答复，{2}</translation>
    </message>
    <message>
        <source>A</source>
        <translation>答</translation>
    </message>
    <message>
        <source>Not answered yet: {0}, due {1}</source>
        <translation>待答复：负责人 {0}，截止 {1}</translation>
    </message>
</context>
<context>
    <name>CandidateForm</name>
    <message>
        <source>Edit candidate</source>
        <translation>编辑候选人</translation>
    </message>
    <message>
        <source>New candidate</source>
        <translation>新建候选人</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Mobile, or landline with area code: 010-12345678, 0571-8765432-123</source>
        <translation>手机，或带区号的座机：010-12345678、0571-8765432-123</translation>
    </message>
    <message>
        <source>A mobile number (11 digits), or a landline with its area code and perhaps an extension. Text messages (SMS) reach mobile numbers only.</source>
        <translation>11 位手机号码，或带区号（可带分机号）的座机号码。短信只能发到手机号码。</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>18 characters, resident identity card</source>
        <translation>18 位居民身份证号码</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>应聘部门</translation>
    </message>
    <message>
        <source>(not assigned)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Separate with commas, e.g. 执业医师资格证, 英语六级</source>
        <translation>用逗号分隔，例如：执业医师资格证，英语六级</translation>
    </message>
    <message>
        <source>Further profile fields</source>
        <translation>其他信息</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>工作经历</translation>
    </message>
    <message>
        <source>Résumé summary</source>
        <translation>简历摘要</translation>
    </message>
    <message>
        <source>Agrees to be kept in the talent pool</source>
        <translation>同意纳入人才库</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>应聘部门</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <source>Name, phone or its last 4 digits, e-mail</source>
        <translation>姓名、电话或尾号4位、邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>New candidate</source>
        <translation>新建候选人</translation>
    </message>
    <message>
        <source>{0}+ candidates</source>
        <translation>共 {0}+ 名候选人</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s)</source>
        <translation>
            <numerusform>共 %n 名候选人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChainDialog</name>
    <message>
        <source>Edit approval chain</source>
        <translation>编辑审批链</translation>
    </message>
    <message>
        <source>New approval chain</source>
        <translation>新建审批链</translation>
    </message>
    <message>
        <source>New chain</source>
        <translation>新审批链</translation>
    </message>
    <message>
        <source>Whole institution</source>
        <translation>全单位（所有部门）</translation>
    </message>
    <message>
        <source>Every kind of change</source>
        <translation>所有变更类型</translation>
    </message>
    <message>
        <source>A change for today takes effect at once and is approved afterwards</source>
        <translation>当天的变更先执行、后补审批</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>适用部门</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>变更类型</translation>
    </message>
    <message>
        <source>Steps, in order</source>
        <translation>审批环节（按顺序）</translation>
    </message>
    <message>
        <source>The most specific chain governs a change: the department (or the nearest parent) and the kind, then the department for every kind, then the whole institution.</source>
        <translation>变更按最具体的审批链办理：先匹配本部门（或最近的上级部门）且变更类型相同的审批链，其次是本部门适用所有类型的审批链，最后是全单位的审批链。</translation>
    </message>
</context>
<context>
    <name>ChainTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>适用部门</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>变更类型</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>审批环节</translation>
    </message>
    <message>
        <source>Same day: apply first</source>
        <translation>当天先执行后审批</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Whole institution</source>
        <translation>全单位</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>(no steps)</source>
        <translation>（无审批环节）</translation>
    </message>
</context>
<context>
    <name>ChainsPanel</name>
    <message>
        <source>New chain…</source>
        <translation>新建审批链…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delegate approvals…</source>
        <translation>设置代理审批…</translation>
    </message>
    <message>
        <source>The delegation is saved.</source>
        <translation>代理审批已保存。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>An administrator set a temporary password for you. Choose your own password to continue. Enter the temporary password as the current password.</source>
        <translation>管理员为您设置了临时密码。请设置您自己的密码后继续。“当前密码”一栏请填写临时密码。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
</context>
<context>
    <name>ChangeRequestDialog</name>
    <message>
        <source>Cancel the interview</source>
        <translation>取消面试</translation>
    </message>
    <message>
        <source>Request a change</source>
        <translation>申请变更</translation>
    </message>
    <message>
        <source>Change the time</source>
        <translation>调整面试时间</translation>
    </message>
    <message>
        <source>Submit cancellation</source>
        <translation>提交取消申请</translation>
    </message>
    <message>
        <source>Submit change request</source>
        <translation>提交变更申请</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>原安排</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>拟变更为</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>e.g. the candidate has an exam that morning</source>
        <translation>例如：候选人当天上午有考试</translation>
    </message>
    <message>
        <source>Why the conflict is acceptable (recorded in the audit log)</source>
        <translation>说明为何可以接受此冲突（将记入审计日志）</translation>
    </message>
    <message>
        <source>New time</source>
        <translation>新时间</translation>
    </message>
    <message>
        <source>Why *</source>
        <translation>原因类别 *</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>提出方</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>忽略冲突的理由</translation>
    </message>
    <message>
        <source>Video: {0}</source>
        <translation>视频：{0}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消面试</translation>
    </message>
    <message>
        <source>A cancellation does not need a conflict check.</source>
        <translation>取消面试无需进行冲突检查。</translation>
    </message>
    <message>
        <source>Pick a new time to see the conflict check.</source>
        <translation>请选择新的时间，以查看冲突检查结果。</translation>
    </message>
    <message>
        <source>Find free slots</source>
        <translation>查找空闲时段</translation>
    </message>
    <message>
        <source>Earliest times when the interviewers, the candidate and a room are free:</source>
        <translation>面试官、候选人和会议室均空闲的最早时段：</translation>
    </message>
</context>
<context>
    <name>ChangeRequestTableModel</name>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>原定 → 改为</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>提出方</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>待办环节</translation>
    </message>
</context>
<context>
    <name>ChangeWords</name>
    <message>
        <source>{0} approval</source>
        <translation>{0}审批</translation>
    </message>
    <message>
        <source>{0} filing</source>
        <translation>{0}备案</translation>
    </message>
    <message>
        <source>{0} confirmation</source>
        <translation>{0}确认</translation>
    </message>
    <message>
        <source>Interviewer&apos;s time conflict</source>
        <translation>面试官时间冲突</translation>
    </message>
    <message>
        <source>Candidate&apos;s request</source>
        <translation>候选人申请</translation>
    </message>
    <message>
        <source>Room problem</source>
        <translation>会议室问题</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>deciding by mail is turned off</source>
        <translation>未开启邮件审批</translation>
    </message>
    <message>
        <source>an automatic reply</source>
        <translation>系统自动回复</translation>
    </message>
    <message>
        <source>no valid approval code</source>
        <translation>没有有效的审批码</translation>
    </message>
    <message>
        <source>sent from an address that is not the approver&apos;s</source>
        <translation>发件地址不是审批人登记的邮箱</translation>
    </message>
    <message>
        <source>the approval code was already used</source>
        <translation>审批码已使用过</translation>
    </message>
    <message>
        <source>the step was already decided</source>
        <translation>该审批环节已办结</translation>
    </message>
    <message>
        <source>neither “agree” nor “disagree” on the first line</source>
        <translation>第一行既不是“同意”也不是“不同意”</translation>
    </message>
    <message>
        <source>a filing step cannot be refused</source>
        <translation>备案环节不能不同意</translation>
    </message>
    <message>
        <source>“disagree” without a reason</source>
        <translation>“不同意”但未写理由</translation>
    </message>
    <message>
        <source>the sender may no longer decide this step</source>
        <translation>发件人已无权办理该环节</translation>
    </message>
    <message>
        <source> (by mail)</source>
        <translation>（邮件审批）</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>Named approver</source>
        <translation>指定审批人</translation>
    </message>
    <message>
        <source>{0} → cancelled</source>
        <translation>{0} → 取消</translation>
    </message>
    <message>
        <source>Proposed: cancel the interview</source>
        <translation>拟取消面试</translation>
    </message>
    <message>
        <source>Proposed: {0}</source>
        <translation>拟改为 {0}</translation>
    </message>
    <message>
        <source> (awaiting {0})</source>
        <translation>（待{0}）</translation>
    </message>
    <message>
        <source>{0}, asked by {1}: {2}</source>
        <translation>{0}，由{1}提出：{2}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Step {0}: {1}</source>
        <translation>第{0}步：{1}</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>未受理：{0}</translation>
    </message>
</context>
<context>
    <name>ChannelRouting</name>
    <message>
        <source>Candidates (invitation, change, cancellation, reminder)</source>
        <translation>候选人（面试邀请、变更、取消、提醒）</translation>
    </message>
    <message>
        <source>Interviewers (their interviews and changes)</source>
        <translation>面试官（本人的面试安排及变更）</translation>
    </message>
    <message>
        <source>Approvers (a change waiting for them)</source>
        <translation>审批人（待其审批的变更）</translation>
    </message>
    <message>
        <source>HR officers (approval results, late and overdue alerts)</source>
        <translation>人事专员（审批结果、迟到与确认超时提醒）</translation>
    </message>
    <message>
        <source>Reception (an expected interview moved or cancelled)</source>
        <translation>前台（待接待的面试改期或取消）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>As for its recipients</source>
        <translation>同接收人默认</translation>
    </message>
    <message>
        <source>Save channels</source>
        <translation>保存渠道设置</translation>
    </message>
    <message>
        <source>Staff always receive the in-app notice and a desktop notification. Tick the other channels each group hears through; a channel also has to be set up (Mail, SMS and OA, Exchange) before anything goes out through it.</source>
        <translation>工作人员始终会收到软件内通知和桌面提醒。请为各类接收人勾选其他渠道；渠道还需在“邮件”“短信与OA”“Exchange”中配置后才会实际发送。</translation>
    </message>
    <message>
        <source>SMS reaches mobile numbers only: a candidate whose phone is a landline gets no text message, so keep e-mail ticked for candidates.</source>
        <translation>短信只能发到手机号码：电话为座机的候选人收不到短信，因此请为候选人保留邮件渠道。</translation>
    </message>
    <message>
        <source>A message can be sent differently from the rest: untick &quot;As for its recipients&quot; and choose its channels, for example the day-before reminder by SMS only.</source>
        <translation>某类消息可以单独设置渠道：取消勾选“同接收人默认”后选择其渠道，例如面试前一天提醒只发短信。</translation>
    </message>
    <message>
        <source>Saved. New messages follow these channels.</source>
        <translation>已保存。新消息将按此渠道发送。</translation>
    </message>
</context>
<context>
    <name>CheckInConfirmation</name>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Check in {0} for {1}?</source>
        <translation>为 {0} 办理签到（{1}）？</translation>
    </message>
    <message>
        <source>Interview: {0}, {1}</source>
        <translation>面试时间：{0}，{1}</translation>
    </message>
    <message>
        <source>Interview: {0}</source>
        <translation>面试时间：{0}</translation>
    </message>
    <message>
        <source>A mistaken check-in can be undone afterwards, with a reason.</source>
        <translation>签错时可以撤销签到，需填写原因。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Run the command again with --debug (before the command) to see technical details for the IT office.</source>
        <translation>如需供信息科排查的技术细节，请在命令前加上 --debug 重新运行。</translation>
    </message>
    <message>
        <source>Give the new value after the setting&apos;s name.</source>
        <translation>请在设置项名称后给出新值。</translation>
    </message>
    <message>
        <source>{0} is a secret and is not accepted as an argument: set the environment variable {1} or use --value-file FILE, or leave the value out to be asked for it.</source>
        <translation>{0} 属于密钥类设置，不接受以命令参数形式提供：请设置环境变量 {1}，或使用 --value-file 文件，或省略该值后按提示输入。</translation>
    </message>
    <message>
        <source>New value of {0}: </source>
        <translation>{0} 的新值：</translation>
    </message>
    <message>
        <source>{0} = {1}</source>
        <translation>{0} = {1}</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Institution settings are stored in the database, which was not opened.</source>
        <translation>本单位设置保存在数据库中，本次未打开数据库。</translation>
    </message>
    <message>
        <source>The file {0} could not be read.</source>
        <translation>无法读取文件 {0}。</translation>
    </message>
    <message>
        <source>The file {0} is larger than {1} KB, far more than any settings file; nothing was imported.</source>
        <translation>文件 {0} 超过 {1} KB，远大于任何设置文件；未导入任何设置。</translation>
    </message>
    <message>
        <source>The file {0} is nested too deeply to be a settings file (it has at most two levels: “machine” or “institution”, then the settings); nothing was imported.</source>
        <translation>文件 {0} 嵌套层次过深，不是设置文件（设置文件最多两层：“machine”或“institution”，其下为各项设置）；未导入任何设置。</translation>
    </message>
    <message>
        <source>The file {0} is not valid JSON.</source>
        <translation>文件 {0} 不是有效的 JSON。</translation>
    </message>
    <message>
        <source>{0} settings imported: {1}</source>
        <translation>已导入 {0} 项设置：{1}</translation>
    </message>
    <message>
        <source>Not exported (secrets; set them again where needed): {0}</source>
        <translation>未导出（密钥和密码类设置，请在需要的电脑上重新设置）：{0}</translation>
    </message>
    <message>
        <source>Settings written to {0}</source>
        <translation>设置已导出到 {0}</translation>
    </message>
    <message>
        <source>{0} is needed. Set the environment variable {1} or give it in a file with the option shown in “interviewdesk --help”; secrets are never accepted as arguments.</source>
        <translation>需要提供{0}。请设置环境变量 {1}，或按“interviewdesk --help”中列出的选项从文件读取；出于安全考虑，口令和密码不接受以命令参数形式提供。</translation>
    </message>
    <message>
        <source>Repeat to confirm: </source>
        <translation>请再输入一次以确认：</translation>
    </message>
    <message>
        <source>The two entries differ; nothing was changed.</source>
        <translation>两次输入不一致；未做任何更改。</translation>
    </message>
    <message>
        <source>Nothing was entered; nothing was changed.</source>
        <translation>未输入任何内容；未做任何更改。</translation>
    </message>
    <message>
        <source>Database passphrase: </source>
        <translation>数据库口令：</translation>
    </message>
    <message>
        <source>This command works on the embedded database file only. Server databases are looked after with the server&apos;s own tools (pg_dump, pg_restore, ALTER ROLE).</source>
        <translation>此命令仅适用于本机数据库文件。服务器数据库请使用服务器自带的工具维护（pg_dump、pg_restore、ALTER ROLE）。</translation>
    </message>
    <message>
        <source>The first line of {0} is empty.</source>
        <translation>{0} 的第一行为空。</translation>
    </message>
    <message>
        <source>its content was changed after it was written</source>
        <translation>该条记录写入后被修改</translation>
    </message>
    <message>
        <source>it does not link to the entry before it</source>
        <translation>该条记录与前一条记录的链接不符</translation>
    </message>
    <message>
        <source>entries are missing from here on</source>
        <translation>从此处起有记录缺失</translation>
    </message>
    <message>
        <source>the entries are out of order</source>
        <translation>记录顺序错乱</translation>
    </message>
    <message>
        <source>entries were removed from the end of the log</source>
        <translation>日志末尾的记录被删除</translation>
    </message>
    <message>
        <source>the record of the newest entry is missing</source>
        <translation>最新记录的链头信息缺失</translation>
    </message>
    <message>
        <source>Audit log intact: {0} entries checked, OK.</source>
        <translation>审计日志完好：已校验 {0} 条记录，全部正常。</translation>
    </message>
    <message>
        <source>AUDIT LOG BROKEN at entry #{0}: {1}. ({2} entries in the log)</source>
        <translation>审计日志已被破坏，问题出现在第 #{0} 条：{1}。（日志共 {2} 条）</translation>
    </message>
    <message>
        <source>No such file or folder: {0}</source>
        <translation>找不到文件或文件夹：{0}</translation>
    </message>
    <message>
        <source>No audit log anchor found in {0} ({1} file(s) read). Anchors are in the archive office&apos;s anchor messages (saved as .eml or text), anchor files and backup key files.</source>
        <translation>在 {0} 中没有找到审计日志锚点（读取了 {1} 个文件）。锚点在档案室收到的锚点消息（另存为 .eml 或文本）、锚点文件和备份的密钥文件中。</translation>
    </message>
    <message>
        <source>The log extends all {0} anchored head(s); the newest is entry #{1} ({2}).</source>
        <translation>审计日志与全部 {0} 个锚点一致；最新的锚点是第 #{1} 条（{2}）。</translation>
    </message>
    <message>
        <source>the log no longer has that entry (entries were removed)</source>
        <translation>日志中已没有这一条（条目被删除）</translation>
    </message>
    <message>
        <source>the entry there now has another hash (the log was rewritten)</source>
        <translation>这一条现在的哈希不同（日志被改写）</translation>
    </message>
    <message>
        <source>AUDIT LOG REWRITTEN: it no longer extends the head anchored in {0}: entry #{1}, anchored {2}; {3}.</source>
        <translation>审计日志已被改写：与 {0} 中的锚点不再一致：第 #{1} 条，锚定于 {2}；{3}。</translation>
    </message>
    <message>
        <source>the database structure is damaged (integrity check)</source>
        <translation>数据库结构已损坏（完整性检查未通过）</translation>
    </message>
    <message>
        <source>encrypted pages fail their authentication check</source>
        <translation>加密数据页未通过认证校验</translation>
    </message>
    <message>
        <source>records refer to records that do not exist</source>
        <translation>存在引用了不存在记录的数据</translation>
    </message>
    <message>
        <source>parts of the database cannot be read</source>
        <translation>数据库的部分内容无法读取</translation>
    </message>
    <message>
        <source>the schema is older than this program</source>
        <translation>数据库结构版本低于本程序</translation>
    </message>
    <message>
        <source>the schema was written by a newer program</source>
        <translation>数据库结构由更新版本的程序写入</translation>
    </message>
    <message>
        <source>the audit log chain is broken</source>
        <translation>审计日志哈希链已断裂</translation>
    </message>
    <message>
        <source>records were changed outside the program: they are not what the audit log recorded</source>
        <translation>有记录在程序之外被修改，与审计日志记录不一致</translation>
    </message>
    <message>
        <source>Records compared with the audit log: {0} in {1} tables.</source>
        <translation>已与审计日志核对记录：{1} 张表中的 {0} 条。</translation>
    </message>
    <message>
        <source>{0} record(s) hold personal or secret values that the audit log recorded only masked, before it kept digests: those values are not comparable (e.g. {1}).</source>
        <translation>{0} 条记录中的个人信息或密码字段，审计日志只记录了遮蔽值（当时尚未记录摘要），这些值无法核对（例如 {1}）。</translation>
    </message>
    <message>
        <source>  … and {0} more.</source>
        <translation>  …… 另有 {0} 条。</translation>
    </message>
    <message>
        <source>{0}: differs from the audit log in {1}</source>
        <translation>{0}：以下字段与审计日志记录不一致：{1}</translation>
    </message>
    <message>
        <source>{0}: deleted without an entry in the audit log</source>
        <translation>{0}：已被删除，审计日志中没有删除记录</translation>
    </message>
    <message>
        <source>{0}: has no history in the audit log</source>
        <translation>{0}：审计日志中没有这条记录的来历</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>Schema revision: {0} (this program: {1})</source>
        <translation>结构版本：{0}（本程序：{1}）</translation>
    </message>
    <message>
        <source>Records: {0} in {1} tables</source>
        <translation>记录：{1} 张表，共 {0} 条</translation>
    </message>
    <message>
        <source>Check passed: no problems found.</source>
        <translation>检查通过：未发现问题。</translation>
    </message>
    <message>
        <source>CHECK FAILED:</source>
        <translation>检查未通过：</translation>
    </message>
    <message>
        <source>Stop using this database and restore the latest good backup (interviewdesk db restore BACKUP).</source>
        <translation>请停止使用此数据库，并从最近一次完好的备份恢复（interviewdesk db restore 备份文件）。</translation>
    </message>
    <message>
        <source>New database passphrase: </source>
        <translation>新的数据库口令：</translation>
    </message>
    <message>
        <source>Unlocked with the recovery key.</source>
        <translation>已使用恢复密钥解锁。</translation>
    </message>
    <message>
        <source>Passphrase changed. The old passphrase no longer opens the database; the recovery key still does. Backups made earlier keep the passphrase of their day.</source>
        <translation>口令已更换。旧口令已无法打开数据库，恢复密钥仍然有效。此前制作的备份仍使用当时的口令。</translation>
    </message>
    <message>
        <source>--if-due writes into the backup folder set in Settings; give no destination with it.</source>
        <translation>--if-due 会写入设置中指定的备份文件夹，请不要同时给出备份位置。</translation>
    </message>
    <message>
        <source>No backup is due (the last one is recent, the schedule is off, or another desktop is writing one).</source>
        <translation>现在无需备份（最近已有备份、自动备份已关闭，或另一台电脑正在备份）。</translation>
    </message>
    <message>
        <source>Backup written and verified: {0} ({1} bytes, SHA-256 {2})</source>
        <translation>备份已写入并通过校验：{0}（{1} 字节，SHA-256 {2}）</translation>
    </message>
    <message>
        <source>Manifest: {0}. Restore with pg_restore into a new, empty database (see the administrator&apos;s guide).</source>
        <translation>清单文件：{0}。恢复时请用 pg_restore 导入一个新建的空数据库（见管理员手册）。</translation>
    </message>
    <message>
        <source>Key file and manifest: {0}</source>
        <translation>密钥文件及清单：{0}</translation>
    </message>
    <message>
        <source>The manifest anchors the audit log at entry #{0}.</source>
        <translation>备份清单中记录了审计日志锚点：第 #{0} 条。</translation>
    </message>
    <message>
        <source>Keep both files together. Restoring needs today&apos;s passphrase or the recovery key.</source>
        <translation>请将这两个文件一起保存。恢复时需要当前的口令或恢复密钥。</translation>
    </message>
    <message>
        <source>Restored {0} (made {1}) over {2}.</source>
        <translation>已用备份 {0}（制作于 {1}）恢复 {2}。</translation>
    </message>
    <message>
        <source>The key file was replaced by the backup&apos;s: the database now opens with the passphrase that was valid when the backup was made.</source>
        <translation>密钥文件已替换为备份中的密钥文件：数据库现在需使用制作备份时有效的口令打开。</translation>
    </message>
    <message>
        <source>A new database file needs its first administrator: add --admin USER after “init”.</source>
        <translation>新建数据库文件需要同时创建第一个管理员：请在“init”后加上 --admin 用户名。</translation>
    </message>
    <message>
        <source>Password for {0}: </source>
        <translation>{0} 的密码：</translation>
    </message>
    <message>
        <source>Database created: {0}</source>
        <translation>数据库已创建：{0}</translation>
    </message>
    <message>
        <source>First administrator: {0} (also HR officer)</source>
        <translation>第一个管理员：{0}（同时为人事专员）</translation>
    </message>
    <message>
        <source>RECOVERY KEY (shown only this once):</source>
        <translation>恢复密钥（仅显示这一次）：</translation>
    </message>
    <message>
        <source>Write the recovery key down now and keep it offline, for example sealed in the office safe. It unlocks the database when the passphrase is lost, and whoever holds it can read every record. It is stored nowhere and cannot be shown again.</source>
        <translation>请立即抄写恢复密钥并离线保管，例如密封后存放在单位保险柜中。忘记口令时可用它打开数据库；持有它的人可以读取全部记录。恢复密钥不会保存在任何地方，也无法再次显示。</translation>
    </message>
    <message>
        <source>The numbers of candidates and interviews do not fit.</source>
        <translation>候选人数量与面试数量不匹配。</translation>
    </message>
    <message>
        <source>The database already holds candidates. Demo data is only added to an empty database, so that it never mixes with real records; nothing was changed.</source>
        <translation>数据库中已有候选人。演示数据只会写入空数据库，以免与真实记录混在一起；未做任何更改。</translation>
    </message>
    <message>
        <source>Demo data added for {0}:</source>
        <translation>已为{0}生成演示数据：</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应聘记录</translation>
    </message>
    <message>
        <source>Interviews (next two weeks)</source>
        <translation>面试（未来两周）</translation>
    </message>
    <message>
        <source>Change requests awaiting approval</source>
        <translation>待审批的变更申请</translation>
    </message>
    <message>
        <source>Outbox entries</source>
        <translation>发件箱条目</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>未处理的提醒</translation>
    </message>
    <message>
        <source>Archive records</source>
        <translation>电子档案</translation>
    </message>
    <message>
        <source>Demo accounts (password for all: {0}):</source>
        <translation>演示账户（统一密码：{0}）：</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Server database: {0}</source>
        <translation>服务器数据库：{0}</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>does not exist yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <source>Database file: {0} ({1})</source>
        <translation>数据库文件：{0}（{1}）</translation>
    </message>
    <message>
        <source>Key file: {0}</source>
        <translation>密钥文件：{0}</translation>
    </message>
    <message>
        <source>Machine settings: {0}</source>
        <translation>本机设置文件：{0}</translation>
    </message>
    <message>
        <source>Unknown department code: {0}</source>
        <translation>未知部门代码：{0}</translation>
    </message>
    <message>
        <source>Unknown role “{0}”. Roles: {1}</source>
        <translation>未知角色“{0}”。可用角色：{1}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>User {0} ({1}) added: {2}</source>
        <translation>已添加用户 {0}（{1}）：{2}</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until {0}</source>
        <translation>锁定至 {0}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>{0} users</source>
        <translation>共 {0} 个用户</translation>
    </message>
    <message>
        <source>User {0} disabled: they can no longer sign in.</source>
        <translation>用户 {0} 已停用，无法再登录。</translation>
    </message>
    <message>
        <source>User {0} enabled (and unlocked).</source>
        <translation>用户 {0} 已启用（并已解锁）。</translation>
    </message>
    <message>
        <source>Password of {0} reset. They must choose a new one at their next sign-in.</source>
        <translation>已重置 {0} 的密码。该用户下次登录时须设置新密码。</translation>
    </message>
    <message>
        <source>The signing key of {0} is retired: it still verifies what it signed. They get a new key at their next sign-in.</source>
        <translation>{0} 的签名密钥已停用，已签内容仍可验证。该用户下次登录时获得新密钥。</translation>
    </message>
    <message>
        <source>No such file: {0}</source>
        <translation>找不到文件：{0}</translation>
    </message>
    <message>
        <source>Imported {0} day(s), updated {1}, {2} unchanged.</source>
        <translation>导入 {0} 天，更新 {1} 天，{2} 天未变。</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>not configured: {0} waiting</source>
        <translation>未配置：{0} 条等待中</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Will retry</source>
        <translation>将重试</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Delivered {0}, {1} will be retried, {2} failed.</source>
        <translation>已发送 {0} 条，{1} 条将重试，{2} 条失败。</translation>
    </message>
    <message>
        <source>{0} of {1} dossiers written…</source>
        <translation>已写入 {0}/{1} 份档案…</translation>
    </message>
    <message>
        <source>Package written: {0} ({1} dossiers).</source>
        <translation>档案包已写入：{0}（{1} 份档案）。</translation>
    </message>
    <message>
        <source>Package digest (SHA-256 of manifest.sha256): {0}</source>
        <translation>整包摘要（manifest.sha256 的 SHA-256）：{0}</translation>
    </message>
    <message>
        <source>Registered as export #{0} in the archive register.</source>
        <translation>已在档案导出登记中登记为第 {0} 次导出。</translation>
    </message>
    <message>
        <source>{0} dossier(s) were produced anew for the register (their records had changed or had no dossier yet).</source>
        <translation>为使登记与包一致，重新生成了 {0} 份档案（其记录已变化或尚未生成档案）。</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>注意：{0}</translation>
    </message>
    <message>
        <source>PACKAGE CHECK FAILED: {0}</source>
        <translation>档案包校验未通过：{0}</translation>
    </message>
    <message>
        <source>Package OK: {0} dossiers, {1} files and {2} signatures checked.</source>
        <translation>档案包校验通过：已核对 {0} 份档案、{1} 个文件、{2} 个签名。</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close without an answer</source>
        <translation>不答复并关闭</translation>
    </message>
    <message>
        <source>Why, e.g. the candidate withdrew the request in writing</source>
        <translation>关闭原因，例如候选人已书面撤回请求</translation>
    </message>
    <message>
        <source>Close the request</source>
        <translation>关闭请求</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConflictList</name>
    <message>
        <source>Conflict check: waiting for a complete proposal.</source>
        <translation>冲突检查：请先填写完整的安排。</translation>
    </message>
    <message>
        <source>Checking for conflicts…</source>
        <translation>正在检查冲突…</translation>
    </message>
    <message>
        <source>✓ No conflicts: interviewers, candidate and room are free, within working hours.</source>
        <translation>✓ 未发现冲突：面试官、候选人和会议室均空闲，且在工作时间内。</translation>
    </message>
    <message>
        <source>Cannot be overridden</source>
        <translation>不可忽略</translation>
    </message>
    <message>
        <source>May be overridden with a reason</source>
        <translation>可填写理由后忽略</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connecting to {0} …</source>
        <translation>正在连接 {0} …</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>ContractSettings</name>
    <message>
        <source>Signing certificate (.p12/.pfx)</source>
        <translation>单位签名证书（.p12/.pfx）</translation>
    </message>
    <message>
        <source>Certificate password</source>
        <translation>证书密码</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Institution&apos;s address</source>
        <translation>单位住所</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人或主要负责人</translation>
    </message>
    <message>
        <source>Place of signing</source>
        <translation>签订地点</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Rest and leave</source>
        <translation>休息休假</translation>
    </message>
    <message>
        <source>Social insurance</source>
        <translation>社会保险</translation>
    </message>
    <message>
        <source>Labour protection</source>
        <translation>劳动保护与职业危害防护</translation>
    </message>
    <message>
        <source>Other statutory matters</source>
        <translation>其他法定事项</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Choose certificate file…</source>
        <translation>选择证书文件…</translation>
    </message>
    <message>
        <source>Check certificate</source>
        <translation>检查证书</translation>
    </message>
    <message>
        <source>Issued labour contracts are signed with the institution&apos;s certificate (PAdES). The texts below fill the mandatory items of Article 17 of the Labour Contract Law; the institution&apos;s name is the one on the Institution tab.</source>
        <translation>签发的劳动合同以单位证书加盖电子签名（PAdES）。以下文字用于填写《劳动合同法》第十七条规定的必备条款；单位名称取自“单位设置”页。</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>单位签名证书</translation>
    </message>
    <message>
        <source>PKCS#12 certificates (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>The certificate can sign: {0}, valid until {1}.</source>
        <translation>证书可用于签名：{0}，有效期至 {1}。</translation>
    </message>
</context>
<context>
    <name>ContractTemplateSettings</name>
    <message>
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>The title on the first line; each clause starts with a line &quot;== heading&quot; followed by its text. Saving checks that every mandatory item of Article 17 of the Labour Contract Law has its place; contracts already issued keep the version they were issued on. Fields: {0}</source>
        <translation>第一行为合同标题；每一条款以“== 条款标题”一行开始，其后为条款正文。保存时检查《劳动合同法》第十七条规定的必备条款是否齐全；已签发的合同保留签发时的版本。可用字段：{0}</translation>
    </message>
    <message>
        <source>Version {0} in use</source>
        <translation>正在使用第{0}版</translation>
    </message>
    <message>
        <source>Shipped template in use</source>
        <translation>正在使用内置模板</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>version {0}</source>
        <translation>第{0}版</translation>
    </message>
</context>
<context>
    <name>ContractViewDialog</name>
    <message>
        <source>Labour contract {0}</source>
        <translation>劳动合同 {0}</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>正在验证签名…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Signature valid: the contract is unchanged since the institution signed it.</source>
        <translation>签名有效：合同自单位签章后未被改动。</translation>
    </message>
    <message>
        <source>TAMPERED: the contract was changed after it was signed. Do not use this copy.</source>
        <translation>已被篡改：合同在签章后被改动，请勿使用此文件。</translation>
    </message>
    <message>
        <source>Changed after signing: content was added after the signature. Check it before use.</source>
        <translation>签章后有改动：签名之后添加了内容，使用前请核对。</translation>
    </message>
    <message>
        <source>The signature is intact but its certificate is not trusted (Settings → Labour contracts: CA certificate).</source>
        <translation>签名完整，但其证书不受信任（设置 → 劳动合同：CA 证书）。</translation>
    </message>
    <message>
        <source>The stored file carries no signature.</source>
        <translation>保存的文件没有签名。</translation>
    </message>
    <message>
        <source>The stored file is damaged and cannot be checked.</source>
        <translation>保存的文件已损坏，无法验证。</translation>
    </message>
    <message>
        <source>No signed file is stored for this contract.</source>
        <translation>此合同没有保存签章文件。</translation>
    </message>
    <message>
        <source>Signed by: {0}</source>
        <translation>签章单位：{0}</translation>
    </message>
    <message>
        <source>Issued: {0}</source>
        <translation>签发时间：{0}</translation>
    </message>
    <message>
        <source>Signed by the candidate: {0}</source>
        <translation>候选人签字：{0}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未签字</translation>
    </message>
    <message>
        <source>Save contract</source>
        <translation>保存合同</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>InterviewDesk must close after an internal error. The details are in the log file:
{0}</source>
        <translation>面试协同台发生内部错误，必须关闭。详细信息已写入日志文件：
{0}</translation>
    </message>
    <message>
        <source>InterviewDesk closed unexpectedly last time. What happened is in the log file; please send it to the IT office:
{0}</source>
        <translation>面试协同台上次意外关闭。经过已记录在日志文件中，请将其发送给信息科：
{0}</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Select a request to decide on it.</source>
        <translation>请在左侧选择一项申请进行处理。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>原安排</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>拟变更为</translation>
    </message>
    <message>
        <source>Decisions so far</source>
        <translation>已有签批</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>By</source>
        <translation>签批人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Comment (required to send back)</source>
        <translation>审批意见（驳回时必填）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>File</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Conflict check</source>
        <translation>冲突检查</translation>
    </message>
    <message>
        <source>due {0}</source>
        <translation>期限 {0}</translation>
    </message>
    <message>
        <source>You decide on behalf of {0}, who is away.</source>
        <translation>{0} 不在岗，由您代为审批。</translation>
    </message>
    <message>
        <source>Same-day change: already in effect, approved afterwards.</source>
        <translation>当天变更：已先行生效，现补办审批。</translation>
    </message>
    <message>
        <source>Reason: {0} (asked by: {1}; requested {2})</source>
        <translation>理由：{0}（提出方：{1}；申请时间：{2}）</translation>
    </message>
    <message>
        <source>Decided: the calendar is no longer checked for this request.</source>
        <translation>已办结：不再为此申请检查日程冲突。</translation>
    </message>
    <message>
        <source>A cancellation does not need a conflict check.</source>
        <translation>取消面试无需进行冲突检查。</translation>
    </message>
    <message>
        <source> (for {0})</source>
        <translation>（代 {0}）</translation>
    </message>
    <message>
        <source>{0}: {1} (#{2})</source>
        <translation>{0}：{1}（#{2}）</translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Delegate approvals</source>
        <translation>设置代理审批</translation>
    </message>
    <message>
        <source>Approver who is away *</source>
        <translation>不在岗的审批人 *</translation>
    </message>
    <message>
        <source>Decides in their place *</source>
        <translation>代理审批人 *</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>During this time the delegate sees the approver&apos;s requests in their inbox and decides in the approver&apos;s name; the decision records both.</source>
        <translation>在此期间，代理人可在自己的待办中看到并以审批人的名义处理申请；签批记录同时保留两人的姓名。</translation>
    </message>
</context>
<context>
    <name>DepartmentPicker</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>Strongly recommend</source>
        <translation>强烈推荐</translation>
    </message>
    <message>
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Do not recommend</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <source>No recommendation</source>
        <translation>未给出推荐意见</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Majors</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Skills and keywords</source>
        <translation>技能与关键词</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>{0} or higher</source>
        <translation>{0}及以上</translation>
    </message>
    <message>
        <source>at least 1 year</source>
        <translation>至少 1 年</translation>
    </message>
    <message>
        <source>at least {0} years</source>
        <translation>至少 {0} 年</translation>
    </message>
</context>
<context>
    <name>DossierBar</name>
    <message>
        <source>Produce dossier</source>
        <translation>生成档案</translation>
    </message>
    <message>
        <source>Render the application&apos;s dossier (PDF/A) into the archive store and register it; an unchanged record gives the same file</source>
        <translation>将本次应聘的面试档案（PDF/A）生成到档案库并登记；记录未变化时重新生成的文件完全相同</translation>
    </message>
    <message>
        <source>Open dossier</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Check the dossier&apos;s file against its registered SHA-256 and open it in the PDF viewer</source>
        <translation>按登记的 SHA-256 核对档案文件后，用 PDF 阅读器打开</translation>
    </message>
    <message>
        <source>No dossier yet: it is produced when the application closes.</source>
        <translation>尚无面试档案：应聘结束（录用、未录用或撤回）时自动生成。</translation>
    </message>
    <message>
        <source>No dossier yet.</source>
        <translation>尚无面试档案。</translation>
    </message>
    <message>
        <source>Dossier {0} · {1} pages · retention {2} · produced {3}</source>
        <translation>面试档案 {0} · 共 {1} 页 · 保管期限 {2} · 生成于 {3}</translation>
    </message>
    <message>
        <source>Producing the dossier…</source>
        <translation>正在生成面试档案…</translation>
    </message>
    <message>
        <source>Dossier {0} produced ({1} pages).</source>
        <translation>面试档案 {0} 已生成（共 {1} 页）。</translation>
    </message>
    <message>
        <source>No PDF viewer could be started. The file is: {0}</source>
        <translation>无法启动 PDF 阅读器。档案文件位于：{0}</translation>
    </message>
</context>
<context>
    <name>DossierSettings</name>
    <message>
        <source>Archive folder</source>
        <translation>档案文件夹</translation>
    </message>
    <message>
        <source>Candidate&apos;s contacts in dossiers</source>
        <translation>档案中应聘人员的联系方式</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Masked (138****5678)</source>
        <translation>打码显示（138****5678）</translation>
    </message>
    <message>
        <source>In full</source>
        <translation>完整显示</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>不列入</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Each application&apos;s dossier (PDF/A) is written to the archive folder when the application closes, and registered with its SHA-256. Empty: the data folder shown greyed. In server mode choose a share every desktop reaches, so that each can open the dossiers; back the folder up with the database. A changed setting applies to dossiers produced from now on.</source>
        <translation>每次应聘结束时，其面试档案（PDF/A）写入档案文件夹，并登记 SHA-256 数字摘要。留空则使用灰色显示的数据文件夹。服务器模式下请选择各台电脑都能访问的共享文件夹，以便都能打开档案；请将该文件夹与数据库一同备份。修改后的设置对此后生成的档案生效。</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EndDialog</name>
    <message>
        <source>End the interview</source>
        <translation>结束面试</translation>
    </message>
    <message>
        <source>These closing items are not ticked:</source>
        <translation>以下收尾事项尚未勾选：</translation>
    </message>
    <message>
        <source>e.g. the candidate explained their training in detail</source>
        <translation>例如：候选人详细介绍了规培经历</translation>
    </message>
    <message>
        <source>Please give the reason for running over.</source>
        <translation>请填写超时原因。</translation>
    </message>
    <message>
        <source>The interview ran {0} minutes over its planned duration. Why?</source>
        <translation>本场面试已超出计划时长 {0} 分钟，原因是？</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>隐藏详细信息</translation>
    </message>
</context>
<context>
    <name>ExchangeSettings</name>
    <message>
        <source>Write interviews into Exchange calendars</source>
        <translation>将面试写入 Exchange 日历</translation>
    </message>
    <message>
        <source>EWS address</source>
        <translation>EWS 地址</translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>Service account</source>
        <translation>服务账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Service account&apos;s mailbox</source>
        <translation>服务账号邮箱</translation>
    </message>
    <message>
        <source>Access to interviewers&apos; calendars</source>
        <translation>访问面试官日历的方式</translation>
    </message>
    <message>
        <source>Organizer mailbox</source>
        <translation>组织者邮箱</translation>
    </message>
    <message>
        <source>Server version</source>
        <translation>服务器版本</translation>
    </message>
    <message>
        <source>Internal CA certificate file</source>
        <translation>内部 CA 证书文件</translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source>Read answers every (minutes)</source>
        <translation>读取答复间隔（分钟）</translation>
    </message>
    <message>
        <source>NTLM (domain account)</source>
        <translation>NTLM（域账号）</translation>
    </message>
    <message>
        <source>Basic (over HTTPS only)</source>
        <translation>Basic（仅限 HTTPS）</translation>
    </message>
    <message>
        <source>Windows integrated sign-on</source>
        <translation>Windows 集成登录</translation>
    </message>
    <message>
        <source>Impersonation: the service account acts in each interviewer&apos;s mailbox</source>
        <translation>模拟：服务账号以各面试官身份操作其邮箱</translation>
    </message>
    <message>
        <source>Delegate access to each interviewer&apos;s calendar</source>
        <translation>代理：服务账号代理访问各面试官的日历</translation>
    </message>
    <message>
        <source>Organizer mailbox sends meeting requests</source>
        <translation>组织者邮箱：由组织者邮箱向面试官发送会议邀请</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Exchange 2013</source>
        <translation>Exchange 2013</translation>
    </message>
    <message>
        <source>Exchange 2016</source>
        <translation>Exchange 2016</translation>
    </message>
    <message>
        <source>Exchange 2019</source>
        <translation>Exchange 2019</translation>
    </message>
    <message>
        <source>Interviews are written into the interviewers&apos; Exchange calendars with the room as a resource; their free/busy times count in the conflict check, and their answers come back to the interview&apos;s history.</source>
        <translation>面试会写入面试官的 Exchange 日历，并将会议室作为资源预订；面试官和会议室的忙闲参与冲突检查，面试官的答复会记入面试历史。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save Exchange settings</source>
        <translation>保存 Exchange 设置</translation>
    </message>
    <message>
        <source>An interviewer&apos;s mailbox to try (optional)</source>
        <translation>用于测试的面试官邮箱（可选）</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Internal CA certificate</source>
        <translation>内部 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export archive package</source>
        <translation>导出档案包</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>ZIP file</source>
        <translation>ZIP 文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Formation dates</source>
        <translation>形成日期</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>As</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>档案包</translation>
    </message>
    <message>
        <source>The dossiers of the applications closed (hired, not hired, withdrawn) on these days, in the department and its sub-departments. Dossiers not produced yet, or whose record changed, are produced first so that the archive register names what the package holds.</source>
        <translation>导出在这些日期结束（已录用、未录用、撤回）的应聘的面试档案，含所选部门及其下级部门。尚未生成或记录已变化的档案会先生成，使档案登记与包内文件一致。</translation>
    </message>
    <message>
        <source>Save the package in</source>
        <translation>档案包保存位置</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择文件夹。</translation>
    </message>
    <message>
        <source>Choose the folder to save the package in.</source>
        <translation>请选择保存档案包的文件夹。</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>%v of %m dossiers</source>
        <translation>%v/%m 份档案</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n dossier(s) exported to {0}.
Package digest (SHA-256 of its manifest): {1}</source>
        <translation>
            <numerusform>已导出 %n 份档案到 {0}。
整包摘要（清单的 SHA-256）：{1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportsTableModel</name>
    <message>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>导出人</translation>
    </message>
    <message>
        <source>Formation dates</source>
        <translation>形成日期</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>档案数</translation>
    </message>
    <message>
        <source>Package digest (SHA-256)</source>
        <translation>整包摘要（SHA-256）</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>FeedbackSettings</name>
    <message>
        <source>Save feedback settings</source>
        <translation>保存反馈设置</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to InterviewDesk</source>
        <translation>欢迎使用面试协同台</translation>
    </message>
    <message>
        <source>Open the database on this computer without the passphrase</source>
        <translation>在本机免口令打开数据库</translation>
    </message>
    <message>
        <source>The operating system protects the key. Everyone then signs in with their own user name and password only. The passphrase and the recovery key are still needed on another computer. Administrators can turn this off in Settings → Sign-in.</source>
        <translation>密钥由操作系统保护。此后每个人只需用自己的用户名和密码登录。在其他电脑上仍需口令或恢复密钥。管理员可在“设置 → 登录方式”中关闭。</translation>
    </message>
    <message>
        <source>Create the database</source>
        <translation>创建数据库</translation>
    </message>
    <message>
        <source>The server database {0} is empty. InterviewDesk will create its tables there.</source>
        <translation>服务器数据库 {0} 为空。面试协同台将在其中建立数据表。</translation>
    </message>
    <message>
        <source>No database was found. InterviewDesk will create an encrypted database at:</source>
        <translation>未找到数据库。面试协同台将在以下位置创建加密数据库：</translation>
    </message>
    <message>
        <source>Choose the database passphrase (口令). Everyone who opens this database on this computer needs it: at least 10 characters, with at least two kinds of characters (letters, digits, symbols).</source>
        <translation>请设置数据库口令。在本机打开此数据库时都需要输入口令：至少 10 个字符，且包含至少两类字符（字母、数字、符号）。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>确认口令</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>很弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>很强</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>The database was created, but opening it without the passphrase could not be set up: {0} Try again in Settings → Sign-in.</source>
        <translation>数据库已创建，但未能设置免口令打开：{0} 请稍后在“设置 → 登录方式”中重试。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>I have written the recovery key down and will keep it in a safe place</source>
        <translation>我已抄写恢复密钥，并将妥善保管</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>The database was created. This recovery key opens it when the passphrase is lost. It is shown only now: write it down on paper and keep it locked away, apart from this computer.</source>
        <translation>数据库已创建。忘记口令时，可用此恢复密钥打开数据库。恢复密钥仅显示这一次：请抄写在纸上，与本电脑分开并妥善锁存。</translation>
    </message>
    <message>
        <source>Fill in demo data (a fictional hospital) to try InterviewDesk</source>
        <translation>填入演示数据（虚构的医院），用于试用</translation>
    </message>
    <message>
        <source>Create administrator and start</source>
        <translation>创建管理员并开始使用</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>首个管理员账户</translation>
    </message>
    <message>
        <source>This account manages users and settings and also works as an HR officer. Add more users later under Settings.</source>
        <translation>此账户负责管理用户和设置，同时具有人事专员权限。其他用户可稍后在“设置”中添加。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>GatewaySettings</name>
    <message>
        <source>Gateway URL</source>
        <translation>网关地址</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>请求方式</translation>
    </message>
    <message>
        <source>Extra headers (JSON object)</source>
        <translation>附加请求头（JSON 对象）</translation>
    </message>
    <message>
        <source>Body format</source>
        <translation>请求体格式</translation>
    </message>
    <message>
        <source>Body template</source>
        <translation>请求体模板</translation>
    </message>
    <message>
        <source>SMS signature name</source>
        <translation>短信签名</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Signature header (optional)</source>
        <translation>签名请求头（可选）</translation>
    </message>
    <message>
        <source>Timestamp header</source>
        <translation>时间戳请求头</translation>
    </message>
    <message>
        <source>Success when JSON field</source>
        <translation>成功条件：JSON 字段</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>Gateway message field</source>
        <translation>网关提示信息字段</translation>
    </message>
    <message>
        <source>Message id field</source>
        <translation>消息编号字段</translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source>Internal CA certificate file</source>
        <translation>内部 CA 证书文件</translation>
    </message>
    <message>
        <source>Read candidates&apos; replies</source>
        <translation>收取候选人回复</translation>
    </message>
    <message>
        <source>Incoming messages URL</source>
        <translation>上行短信接口地址</translation>
    </message>
    <message>
        <source>Parameter for “since”</source>
        <translation>“起始时间”参数名</translation>
    </message>
    <message>
        <source>“Since” as</source>
        <translation>起始时间格式</translation>
    </message>
    <message>
        <source>Where the list is in the answer</source>
        <translation>应答中消息列表的位置</translation>
    </message>
    <message>
        <source>Sender number field</source>
        <translation>发送号码字段</translation>
    </message>
    <message>
        <source>Text field</source>
        <translation>短信内容字段</translation>
    </message>
    <message>
        <source>Time field</source>
        <translation>时间字段</translation>
    </message>
    <message>
        <source>Read every (minutes)</source>
        <translation>收取间隔（分钟）</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>推送地址（Webhook）</translation>
    </message>
    <message>
        <source>Placeholders: {0}</source>
        <translation>可用占位符：{0}</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Send test SMS</source>
        <translation>发送测试短信</translation>
    </message>
    <message>
        <source>Send test push</source>
        <translation>发送测试推送</translation>
    </message>
    <message>
        <source>Test SMS to</source>
        <translation>测试短信发往</translation>
    </message>
    <message>
        <source>Test fetch</source>
        <translation>测试收取</translation>
    </message>
    <message>
        <source>Test push to (OA account)</source>
        <translation>测试推送发往（OA 账号）</translation>
    </message>
    <message>
        <source>Preview requests</source>
        <translation>预览请求</translation>
    </message>
    <message>
        <source>Save SMS and OA settings</source>
        <translation>保存短信与OA设置</translation>
    </message>
    <message>
        <source>SMS gateway</source>
        <translation>短信网关</translation>
    </message>
    <message>
        <source>OA webhook</source>
        <translation>OA 推送接口</translation>
    </message>
    <message>
        <source>SMS replies from candidates</source>
        <translation>候选人短信回复</translation>
    </message>
    <message>
        <source>Each institution&apos;s gateway has its own API: describe the request it expects. The signature is HMAC-SHA256 of the timestamp, a line break and the body. Secrets stay as saved unless you type a new one.</source>
        <translation>各单位的短信网关接口不同，请按网关要求描述请求。签名为对“时间戳 + 换行 + 请求体”计算的 HMAC-SHA256。密钥不重新输入则保持原值。</translation>
    </message>
    <message>
        <source>Replies are read with the signature settings above. The answer must be JSON: name where the list of messages is (a dotted path such as data.items; empty when the answer is the list) and the fields of each message.</source>
        <translation>收取回复使用上面的签名设置。网关应答须为 JSON：请填写消息列表所在位置（用点分隔的路径，如 data.items；应答本身即为列表时留空）以及每条消息的字段名。</translation>
    </message>
    <message>
        <source>Unknown placeholder {0}. Allowed: {1}.</source>
        <translation>未知占位符 {0}。可用的有：{1}。</translation>
    </message>
    <message>
        <source>Write a JSON object of header names and values, e.g. {&quot;X-Token&quot;: &quot;…&quot;}.</source>
        <translation>请填写由请求头名称和值组成的 JSON 对象，例如 {&quot;X-Token&quot;: &quot;…&quot;}。</translation>
    </message>
    <message>
        <source>A GET request carries no body: choose the query format.</source>
        <translation>GET 请求没有请求体，请选择查询参数（query）格式。</translation>
    </message>
    <message>
        <source>The body template is not valid JSON (placeholders go inside quotes).</source>
        <translation>请求体模板不是有效的 JSON（占位符应写在引号内）。</translation>
    </message>
    <message>
        <source>A signature needs the signing secret.</source>
        <translation>使用签名时必须填写签名密钥。</translation>
    </message>
    <message>
        <source>Enter the URL first.</source>
        <translation>请先填写地址。</translation>
    </message>
    <message>
        <source>Asking the gateway…</source>
        <translation>正在向网关查询…</translation>
    </message>
    <message numerus="yes">
        <source>The gateway answered: %n message(s) since the last one read.</source>
        <translation>
            <numerusform>网关应答：自上次收取以来有 %n 条短信。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read replies: {0}</source>
        <translation>无法收取回复：{0}</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sent. The gateway accepted the test message.</source>
        <translation>已发送，对方已接收测试消息。</translation>
    </message>
    <message>
        <source>Not sent: {0}</source>
        <translation>未发送：{0}</translation>
    </message>
    <message>
        <source>SMS (sample invitation)</source>
        <translation>短信（示例：面试邀请）</translation>
    </message>
    <message>
        <source>OA (sample approval request)</source>
        <translation>OA（示例：审批请求）</translation>
    </message>
</context>
<context>
    <name>GeneralSettings</name>
    <message>
        <source>Your own language: other users of this computer keep theirs.</source>
        <translation>这是您个人的语言设置，本机其他用户的语言不受影响。</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>HandleDialog</name>
    <message>
        <source>Handle and answer the request</source>
        <translation>办理并答复请求</translation>
    </message>
    <message>
        <source>received {0}</source>
        <translation>{0} 收到</translation>
    </message>
    <message>
        <source>due {0}</source>
        <translation>{0} 前答复</translation>
    </message>
    <message>
        <source>Export the copy to a folder…</source>
        <translation>导出副本到文件夹…</translation>
    </message>
    <message>
        <source>Attach the copy (PDF and JSON) to the e-mail answer</source>
        <translation>将副本（PDF 与 JSON）附在答复邮件中</translation>
    </message>
    <message>
        <source>Refuse the request, for this reason:</source>
        <translation>不予办理，理由：</translation>
    </message>
    <message>
        <source>A remark for the candidate (optional)</source>
        <translation>给候选人的补充说明（可不填）</translation>
    </message>
    <message>
        <source>Send the answer</source>
        <translation>发送答复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>The answer the candidate receives</source>
        <translation>候选人收到的答复</translation>
    </message>
    <message>
        <source>The copy was exported to a folder.</source>
        <translation>副本已导出到文件夹。</translation>
    </message>
    <message>
        <source>Not exported yet.</source>
        <translation>尚未导出副本。</translation>
    </message>
    <message>
        <source>To</source>
        <translation>发送至</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Nothing is changed; the candidate is told why the request is refused.</source>
        <translation>不做任何更改；答复中告知候选人不予办理的理由。</translation>
    </message>
    <message>
        <source>The candidate receives a copy of their data: a readable PDF and the same data as JSON.</source>
        <translation>向候选人提供其个人信息副本：可阅读的 PDF 及同一内容的 JSON 数据文件。</translation>
    </message>
    <message>
        <source>These corrections are made in the candidate&apos;s record: {0}</source>
        <translation>将在候选人信息中作如下更正：{0}</translation>
    </message>
    <message>
        <source>Outside retention: the candidate&apos;s personal data is deleted for good (anonymised). This cannot be undone.</source>
        <translation>已过保存期限：候选人的个人信息将被永久删除（匿名化），且无法恢复。</translation>
    </message>
    <message>
        <source>permanently</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Inside retention ({0}, until {1}): the data cannot be deleted yet. Its processing is restricted instead (no new applications or interviews), the talent pool is left, and the answer explains why and until when.</source>
        <translation>仍在保存期限内（{0}，至 {1}）：暂不能删除。改为限制处理（不再办理新的应聘或面试）并退出人才库，答复中说明原因及保存期限。</translation>
    </message>
    <message>
        <source>Processing is restricted: no new applications or interviews for this candidate.</source>
        <translation>限制处理：不再为该候选人办理新的应聘或面试。</translation>
    </message>
    <message>
        <source>The candidate leaves the talent pool and their consent is withdrawn.</source>
        <translation>候选人退出人才库，其同意即行撤回。</translation>
    </message>
    <message>
        <source>The candidate is not in the talent pool; their consent is recorded as withdrawn.</source>
        <translation>候选人不在人才库中；记录其已撤回同意。</translation>
    </message>
    <message>
        <source>Correct and send the answer</source>
        <translation>更正并发送答复</translation>
    </message>
    <message>
        <source>Anonymise and send the answer</source>
        <translation>匿名化并发送答复</translation>
    </message>
    <message>
        <source>Restrict and send the answer</source>
        <translation>限制处理并发送答复</translation>
    </message>
    <message>
        <source>Withdraw consent and send the answer</source>
        <translation>撤回同意并发送答复</translation>
    </message>
    <message>
        <source>Send the refusal</source>
        <translation>发送不予办理答复</translation>
    </message>
    <message>
        <source>Folder for the copy</source>
        <translation>副本保存文件夹</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已写入：{0}</translation>
    </message>
    <message>
        <source>Anonymise the candidate</source>
        <translation>匿名化候选人</translation>
    </message>
    <message>
        <source>The candidate&apos;s personal data will be deleted for good. Continue?</source>
        <translation>候选人的个人信息将被永久删除。确定继续吗？</translation>
    </message>
</context>
<context>
    <name>HolidaysPanel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>e.g. National Day</source>
        <translation>例如：国庆节</translation>
    </message>
    <message>
        <source>Working day (weekend day worked instead)</source>
        <translation>工作日（调休上班）</translation>
    </message>
    <message>
        <source>Add day</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Switch day off / working day</source>
        <translation>切换休息日/工作日</translation>
    </message>
    <message>
        <source>Import .ics…</source>
        <translation>导入 .ics…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Days off and weekend working days (调休) of the whole institution. Interviews on a day off are reported as conflicts.</source>
        <translation>全单位的休息日和调休上班日。安排在休息日的面试会提示冲突。</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>Give the day a name.</source>
        <translation>请填写名称。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Removed {0}.</source>
        <translation>已删除 {0}。</translation>
    </message>
    <message>
        <source>Import holiday calendar</source>
        <translation>导入节假日日历</translation>
    </message>
    <message>
        <source>Calendar files (*.ics);;All files (*)</source>
        <translation>日历文件 (*.ics);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n day(s), updated {0}.</source>
        <translation>
            <numerusform>导入 %n 天，更新 {0} 天。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxPanel</name>
    <message>
        <source>(overdue)</source>
        <translation>（已超时）</translation>
    </message>
</context>
<context>
    <name>InboxTableModel</name>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>提出方</translation>
    </message>
    <message>
        <source>Now → proposed</source>
        <translation>现定 → 拟改</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
</context>
<context>
    <name>InstitutionSettings</name>
    <message>
        <source>Institution name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Working day starts (HH:MM)</source>
        <translation>上班时间（时:分）</translation>
    </message>
    <message>
        <source>Working day ends (HH:MM)</source>
        <translation>下班时间（时:分）</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>无操作自动锁定（分钟）</translation>
    </message>
    <message>
        <source>Failed logins before lockout</source>
        <translation>登录失败锁定次数</translation>
    </message>
    <message>
        <source>Lockout minutes</source>
        <translation>锁定时长（分钟）</translation>
    </message>
    <message>
        <source>Minimum password length</source>
        <translation>密码最短长度</translation>
    </message>
    <message>
        <source>Searches by phone, e-mail or ID number per user and hour</source>
        <translation>每人每小时按手机号/邮箱/身份证号搜索次数上限</translation>
    </message>
    <message>
        <source>Candidate confirmation deadline (minutes)</source>
        <translation>候选人确认时限（分钟）</translation>
    </message>
    <message>
        <source>Personal-data requests answered within (working days)</source>
        <translation>个人信息请求答复期限（工作日）</translation>
    </message>
    <message>
        <source>Check-in opens before the interview (minutes)</source>
        <translation>面试开始前多少分钟可签到</translation>
    </message>
    <message>
        <source>Check-in closes after the start (minutes)</source>
        <translation>面试开始后多少分钟内仍可签到</translation>
    </message>
    <message>
        <source>Messages signed by (empty: institution&apos;s HR office)</source>
        <translation>消息落款（留空则为“单位名称+人事处”）</translation>
    </message>
    <message>
        <source>Contact person named in messages</source>
        <translation>消息中的联系人</translation>
    </message>
    <message>
        <source>Contact phone named in messages</source>
        <translation>消息中的联系电话</translation>
    </message>
    <message>
        <source>Interviewer in two interviews at once</source>
        <translation>面试官同时段两场面试</translation>
    </message>
    <message>
        <source>Decisions by replying to the approval mail</source>
        <translation>邮件回复审批</translation>
    </message>
    <message>
        <source>Earlier rounds&apos; results on My interviews</source>
        <translation>我的面试中显示前几轮结果</translation>
    </message>
    <message>
        <source>HR may allow it with a reason (e.g. a joint panel); otherwise it is refused</source>
        <translation>允许人事专员填写理由后安排（如联合面试）；不勾选则一律拒绝</translation>
    </message>
    <message>
        <source>Approvers may answer “agree” or “disagree” (同意 / 不同意) to the approval mail, with its one-time code</source>
        <translation>审批人可直接回复审批邮件“同意/不同意”（凭一次性审批码）</translation>
    </message>
    <message>
        <source>Interviewers preparing a later round see the recommendations submitted in earlier rounds</source>
        <translation>面试官准备后续轮次时可查看前几轮已提交的推荐意见</translation>
    </message>
    <message>
        <source>Needs e-mail among the approvers&apos; channels (Settings → Notification channels) and the reply mailbox (Settings → Mail). A reply from another address, with a wrong or used code, or for a step already decided is refused and shown on the interview&apos;s timeline.</source>
        <translation>需在“通知渠道”中为审批人启用邮件，并在“邮件”中设置回复收件邮箱。非登记邮箱发来的回复、审批码错误或已用过、或该环节已办结的回复均不受理，并记入该面试的时间线。</translation>
    </message>
    <message>
        <source>Save institution settings</source>
        <translation>保存单位设置</translation>
    </message>
    <message>
        <source>These settings apply to every desktop using this database.</source>
        <translation>以下设置对使用本数据库的所有电脑生效。</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>InterviewDetailPanel</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Click an interview to see its details.</source>
        <translation>点击一场面试查看详情。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Confirm by</source>
        <translation>确认期限</translation>
    </message>
    <message>
        <source>Change time…</source>
        <translation>调整时间…</translation>
    </message>
    <message>
        <source>Move the interview to a new time, with the reason; it goes through the approval chain (dragging the block does the same)</source>
        <translation>将面试改到新时间并说明原因，按审批链审批（拖动日程块效果相同）</translation>
    </message>
    <message>
        <source>Candidate asks to move</source>
        <translation>候选人申请改期</translation>
    </message>
    <message>
        <source>Cancel interview</source>
        <translation>取消面试</translation>
    </message>
    <message>
        <source>Record confirmation</source>
        <translation>记录候选人确认</translation>
    </message>
    <message>
        <source>Confirmed by phone</source>
        <translation>电话确认</translation>
    </message>
    <message>
        <source>Confirmed in person</source>
        <translation>当面确认</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Mark as no-show</source>
        <translation>标记未到场</translation>
    </message>
    <message>
        <source>Enter interview room</source>
        <translation>进入面试间</translation>
    </message>
    <message>
        <source>The timer, closing checklist, notes and closing scripts of the running interview, in a window of its own</source>
        <translation>在单独的窗口中进行面试：计时、收尾清单、面试记录和收尾话术</translation>
    </message>
    <message>
        <source>Calibrate scores</source>
        <translation>评分校准</translation>
    </message>
    <message>
        <source>The panel&apos;s scorecards side by side, the round&apos;s decision, and reopening a submitted scorecard</source>
        <translation>面试组评分并列对照、本轮结论，以及重新开放已提交的评分表</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Saw this version</source>
        <translation>已查看当前安排</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Video: {0}</source>
        <translation>视频：{0}</translation>
    </message>
    <message>
        <source>Yes, {0}</source>
        <translation>已查看，{0}</translation>
    </message>
    <message>
        <source>Only an earlier version</source>
        <translation>仅看过变更前的安排</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚未查看</translation>
    </message>
    <message>
        <source>A change of this interview is awaiting approval.</source>
        <translation>该面试已有变更申请待审批。</translation>
    </message>
    <message>
        <source>The candidate&apos;s confirmation ({0}) is recorded.</source>
        <translation>已记录候选人确认（{0}）。</translation>
    </message>
    <message>
        <source>Checked in.</source>
        <translation>已签到。</translation>
    </message>
    <message>
        <source>Marked as no-show.</source>
        <translation>已标记为未到场。</translation>
    </message>
    <message>
        <source>Change request #{0} is in effect today and awaits approval afterwards.</source>
        <translation>变更申请 #{0} 已当天先行生效，待后续补办审批。</translation>
    </message>
    <message>
        <source>Change #{0} is in effect; everyone is being notified.</source>
        <translation>变更 #{0} 已生效，正在通知各方。</translation>
    </message>
    <message>
        <source>Change request #{0} submitted; it awaits approval.</source>
        <translation>变更申请 #{0} 已提交，等待审批。</translation>
    </message>
</context>
<context>
    <name>InterviewMessages</name>
    <message>
        <source>Messages</source>
        <translation>消息记录</translation>
    </message>
    <message>
        <source>No messages about this interview.</source>
        <translation>该面试暂无消息。</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Open message</source>
        <translation>查看内容</translation>
    </message>
    <message>
        <source>{0} ({1}) · {2}</source>
        <translation>{0}（{1}）· {2}</translation>
    </message>
</context>
<context>
    <name>InterviewRoomWindow</name>
    <message>
        <source>Interview room</source>
        <translation>面试进行</translation>
    </message>
    <message>
        <source>Stay on top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Start interview</source>
        <translation>开始面试</translation>
    </message>
    <message>
        <source>End interview</source>
        <translation>结束面试</translation>
    </message>
    <message>
        <source>e.g. results within 2 working days</source>
        <translation>例如：2个工作日内通知结果</translation>
    </message>
    <message>
        <source>A note about the interview (kept with it for the scorecard)</source>
        <translation>面试记录（随面试保存，供填写评价表参考）</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <source>Closing checklist</source>
        <translation>收尾清单</translation>
    </message>
    <message>
        <source>Next step told to the candidate</source>
        <translation>已告知候选人的下一步</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>收尾</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Closing script</source>
        <translation>收尾话术</translation>
    </message>
    <message>
        <source>Planned: {0} min</source>
        <translation>计划时长：{0} 分钟</translation>
    </message>
    <message>
        <source>Ask the candidate&apos;s questions (at least {0})</source>
        <translation>请候选人提问（至少 {0} 个）</translation>
    </message>
    <message>
        <source>ticked {0}</source>
        <translation>{0} 已勾选</translation>
    </message>
    <message>
        <source>The candidate has checked in and the booked time has come. Start the interview?</source>
        <translation>候选人已签到，预约时间已到。现在开始面试吗？</translation>
    </message>
    <message>
        <source>The interview has reached its planned duration ({0} min).</source>
        <translation>面试已到计划时长（{0} 分钟）。</translation>
    </message>
    <message>
        <source>The interview is {0} minutes over time, please wrap up.</source>
        <translation>当前面试已超时{0}分钟，请尽快收尾。</translation>
    </message>
    <message>
        <source>The interview has ended.</source>
        <translation>面试已结束。</translation>
    </message>
    <message numerus="yes">
        <source>The candidate sent %n question(s); each is routed to its owner.</source>
        <translation>
            <numerusform>候选人提交了 %n 个问题，每个问题已交给负责回答的人。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssueContractDialog</name>
    <message>
        <source>Issue labour contract</source>
        <translation>签发劳动合同</translation>
    </message>
    <message>
        <source>Issue and sign</source>
        <translation>签发并签章</translation>
    </message>
    <message>
        <source>Fixed term</source>
        <translation>固定期限</translation>
    </message>
    <message>
        <source>Open-ended</source>
        <translation>无固定期限</translation>
    </message>
    <message>
        <source>For a defined task</source>
        <translation>以完成一定工作任务为期限</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Empty: the offer&apos;s salary structure</source>
        <translation>留空：按录用通知的薪酬结构</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>Contract term</source>
        <translation>合同期限</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>终止日期</translation>
    </message>
    <message>
        <source>Probation</source>
        <translation>试用期</translation>
    </message>
    <message>
        <source>Job content *</source>
        <translation>工作内容 *</translation>
    </message>
    <message>
        <source>Work place *</source>
        <translation>工作地点 *</translation>
    </message>
    <message>
        <source>Employee&apos;s address *</source>
        <translation>劳动者住址 *</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>劳动报酬</translation>
    </message>
    <message>
        <source>Before issuing, every mandatory item of Article 17 of the Labour Contract Law is checked; the contract is then signed with the institution&apos;s certificate (Settings → Labour contracts).</source>
        <translation>签发前检查《劳动合同法》第十七条的每项必备条款；随后用单位证书签章（设置 → 劳动合同）。</translation>
    </message>
</context>
<context>
    <name>KeptBackupsModel</name>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kept as</source>
        <translation>保留类别</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Your questions</source>
        <translation>您的提问</translation>
    </message>
    <message>
        <source>Thank you for coming today. Is there anything you would like to ask us? Type one question at a time and press Submit question. We answer every question within {0}, by e-mail or text message.</source>
        <translation>感谢您今天参加面试！您对我们有什么想了解的吗？请每次输入一个问题，然后点击“提交问题”。每个问题我们都会在 {0} 内通过邮件或短信答复您。</translation>
    </message>
    <message>
        <source>Type your question here</source>
        <translation>请在这里输入您的问题</translation>
    </message>
    <message>
        <source>Submit question</source>
        <translation>提交问题</translation>
    </message>
    <message>
        <source>No more questions</source>
        <translation>没有更多问题</translation>
    </message>
    <message>
        <source>Thank you! Please let the interviewer know that you have finished.</source>
        <translation>谢谢！请告知面试官您已填写完毕。</translation>
    </message>
    <message>
        <source>Interviewer&apos;s password</source>
        <translation>面试官密码</translation>
    </message>
    <message>
        <source>Return to the interviewer&apos;s view</source>
        <translation>返回面试官界面</translation>
    </message>
    <message>
        <source>Back to the questions</source>
        <translation>返回提问</translation>
    </message>
    <message>
        <source>For the interviewer: enter your password to leave this screen.</source>
        <translation>面试官专用：输入您的密码以退出此界面。</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>面试官</translation>
    </message>
    <message numerus="yes">
        <source>%n working hour(s)</source>
        <translation>
            <numerusform>%n 个工作小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Questions sent: {0} (we would be glad to hear at least {1})</source>
        <translation>已提交问题：{0} 个（欢迎至少提出 {1} 个问题）</translation>
    </message>
    <message>
        <source>Questions sent: {0}</source>
        <translation>已提交问题：{0} 个</translation>
    </message>
    <message>
        <source>Please type your question first.</source>
        <translation>请先输入您的问题。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>HR officer</source>
        <translation>人事专员</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>Department leader</source>
        <translation>部门领导</translation>
    </message>
    <message>
        <source>Personnel office</source>
        <translation>人事处</translation>
    </message>
    <message>
        <source>Supervising leader</source>
        <translation>主管领导</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>前台/后勤</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Not specified</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>High school / vocational</source>
        <translation>高中/中专</translation>
    </message>
    <message>
        <source>Junior college</source>
        <translation>大专</translation>
    </message>
    <message>
        <source>Bachelor</source>
        <translation>本科</translation>
    </message>
    <message>
        <source>Master</source>
        <translation>硕士研究生</translation>
    </message>
    <message>
        <source>Doctorate</source>
        <translation>博士研究生</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已投递</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛选中</translation>
    </message>
    <message>
        <source>Interviewing</source>
        <translation>面试中</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>拟录用</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>已录用</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Not hired</source>
        <translation>未录用</translation>
    </message>
    <message>
        <source>Application made</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>Stage changed</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <source>Labour contract issued</source>
        <translation>劳动合同已签发</translation>
    </message>
    <message>
        <source>Labour contract signed by the candidate</source>
        <translation>候选人已签署劳动合同</translation>
    </message>
    <message>
        <source>Offer drafted</source>
        <translation>录用通知已起草</translation>
    </message>
    <message>
        <source>Offer edited</source>
        <translation>录用通知已修改</translation>
    </message>
    <message>
        <source>Offer submitted for approval</source>
        <translation>录用通知已提交审批</translation>
    </message>
    <message>
        <source>Offer approval step decided</source>
        <translation>录用审批环节已决定</translation>
    </message>
    <message>
        <source>Offer approved</source>
        <translation>录用通知已批准</translation>
    </message>
    <message>
        <source>Offer sent to the candidate</source>
        <translation>录用通知已发给候选人</translation>
    </message>
    <message>
        <source>Offer accepted</source>
        <translation>候选人接受录用</translation>
    </message>
    <message>
        <source>Offer declined</source>
        <translation>候选人拒绝录用</translation>
    </message>
    <message>
        <source>Offer withdrawn</source>
        <translation>录用通知已撤回</translation>
    </message>
    <message>
        <source>Offer expired</source>
        <translation>录用通知已过期</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>招聘中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>HR</source>
        <translation>人事面试</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>业务面试</translation>
    </message>
    <message>
        <source>Leadership</source>
        <translation>领导面试</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>爽约</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>New time</source>
        <translation>改时间</translation>
    </message>
    <message>
        <source>Room change</source>
        <translation>换会议室</translation>
    </message>
    <message>
        <source>Interviewer change</source>
        <translation>更换面试官</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>取消面试</translation>
    </message>
    <message>
        <source>Offer (before it goes out)</source>
        <translation>录用通知（发出前审批）</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>HR office</source>
        <translation>人事部门</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>审批中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>In effect</source>
        <translation>已生效</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Interviewer calendar</source>
        <translation>面试官日历</translation>
    </message>
    <message>
        <source>OA system</source>
        <translation>OA 系统</translation>
    </message>
    <message>
        <source>Desktop notice</source>
        <translation>桌面通知</translation>
    </message>
    <message>
        <source>Room board</source>
        <translation>会议室看板</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Calendar file</source>
        <translation>日历文件</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用内</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Candidate late</source>
        <translation>候选人迟到</translation>
    </message>
    <message>
        <source>Confirmation overdue</source>
        <translation>确认超时</translation>
    </message>
    <message>
        <source>Approval overdue</source>
        <translation>审批超时</translation>
    </message>
    <message>
        <source>Calendar update failed</source>
        <translation>日历更新失败</translation>
    </message>
    <message>
        <source>Question reply overdue</source>
        <translation>提问回复超时</translation>
    </message>
    <message>
        <source>Question awaits your answer</source>
        <translation>候选人提问待您答复</translation>
    </message>
    <message>
        <source>Not arrived 30 minutes after the start</source>
        <translation>开始30分钟仍未到场</translation>
    </message>
    <message>
        <source>Starts soon, not confirmed</source>
        <translation>即将开始，候选人未确认</translation>
    </message>
    <message>
        <source>Candidate declined the invitation</source>
        <translation>候选人拒绝了邀请</translation>
    </message>
    <message>
        <source>Interviewer declined in Outlook</source>
        <translation>面试官在 Outlook 中拒绝了会议</translation>
    </message>
    <message>
        <source>Meeting moved or deleted in Outlook</source>
        <translation>会议在 Outlook 中被移动或删除</translation>
    </message>
    <message>
        <source>The interview has reached its planned duration</source>
        <translation>面试已到计划时长</translation>
    </message>
    <message>
        <source>Passed: book the next round</source>
        <translation>已通过：请安排下一轮面试</translation>
    </message>
    <message>
        <source>Passed the last round: the offer step is open</source>
        <translation>已通过最后一轮：可进入录用环节</translation>
    </message>
    <message>
        <source>Decided: write and approve the candidate&apos;s feedback summary</source>
        <translation>已出结论：请撰写并批准候选人的面试评语</translation>
    </message>
    <message>
        <source>Your scorecard is due soon</source>
        <translation>您的面试评价即将到期</translation>
    </message>
    <message>
        <source>Scorecard overdue</source>
        <translation>面试评价逾期未提交</translation>
    </message>
    <message>
        <source>The interview is 10 minutes over time, please wrap up</source>
        <translation>当前面试已超时10分钟，请尽快收尾</translation>
    </message>
    <message>
        <source>Low match with the position</source>
        <translation>与岗位匹配度较低</translation>
    </message>
    <message>
        <source>Text message to read</source>
        <translation>待阅读的短信</translation>
    </message>
    <message>
        <source>Offer unanswered, reply deadline within 24 hours</source>
        <translation>录用通知未答复，距答复截止不足 24 小时</translation>
    </message>
    <message>
        <source>Offer approval step past its deadline</source>
        <translation>录用审批环节已超期</translation>
    </message>
    <message>
        <source>Offer answer not taken (too late or no place left)</source>
        <translation>录用答复未被受理（已逾期或名额已满）</translation>
    </message>
    <message>
        <source>Reply about the offer is no clear answer: read it</source>
        <translation>关于录用的回复不是明确答复：请查看</translation>
    </message>
    <message>
        <source>Personal-data request past its deadline</source>
        <translation>个人信息请求已超过答复期限</translation>
    </message>
    <message>
        <source>Not confirmed in time, call the candidate</source>
        <translation>未在期限内确认，请电话联系候选人</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>Invitation sent</source>
        <translation>已发出邀请</translation>
    </message>
    <message>
        <source>Candidate confirmed</source>
        <translation>候选人已确认</translation>
    </message>
    <message>
        <source>Candidate declined</source>
        <translation>候选人拒绝</translation>
    </message>
    <message>
        <source>Candidate tentatively accepted</source>
        <translation>候选人暂定参加</translation>
    </message>
    <message>
        <source>Confirmation deadline passed</source>
        <translation>确认期限已过</translation>
    </message>
    <message>
        <source>Change requested</source>
        <translation>提出变更申请</translation>
    </message>
    <message>
        <source>Approval step decided</source>
        <translation>审批环节已处理</translation>
    </message>
    <message>
        <source>Change approved</source>
        <translation>变更已批准</translation>
    </message>
    <message>
        <source>Change rejected</source>
        <translation>变更被驳回</translation>
    </message>
    <message>
        <source>Change in effect</source>
        <translation>变更已生效</translation>
    </message>
    <message>
        <source>Approval overdue, escalated</source>
        <translation>审批超时，已上报</translation>
    </message>
    <message>
        <source>Decision by mail refused</source>
        <translation>邮件审批未受理</translation>
    </message>
    <message>
        <source>Reminder sent</source>
        <translation>已发送提醒</translation>
    </message>
    <message>
        <source>Interviewer saw it</source>
        <translation>面试官已查看</translation>
    </message>
    <message>
        <source>Interviewer accepted</source>
        <translation>面试官已接受</translation>
    </message>
    <message>
        <source>Interviewer declined</source>
        <translation>面试官已拒绝</translation>
    </message>
    <message>
        <source>Interviewer tentatively accepted</source>
        <translation>面试官暂定参加</translation>
    </message>
    <message>
        <source>Check-in undone</source>
        <translation>已撤销签到</translation>
    </message>
    <message>
        <source>Marked as no-show</source>
        <translation>标记为未到场</translation>
    </message>
    <message>
        <source>Interview cancelled</source>
        <translation>面试已取消</translation>
    </message>
    <message>
        <source>Interview started</source>
        <translation>面试开始</translation>
    </message>
    <message>
        <source>Interview finished</source>
        <translation>面试结束</translation>
    </message>
    <message>
        <source>Interview ran over time</source>
        <translation>面试超时</translation>
    </message>
    <message>
        <source>Conflict overridden with a reason</source>
        <translation>已说明理由并忽略冲突</translation>
    </message>
    <message>
        <source>Meeting moved in Outlook</source>
        <translation>会议在 Outlook 中被移动</translation>
    </message>
    <message>
        <source>Meeting deleted in Outlook</source>
        <translation>会议在 Outlook 中被删除</translation>
    </message>
    <message>
        <source>Low match: HR and the panel warned</source>
        <translation>匹配度较低，已提醒人事及面试官</translation>
    </message>
    <message>
        <source>Candidate asked a question</source>
        <translation>候选人提出问题</translation>
    </message>
    <message>
        <source>Question owner reminded</source>
        <translation>已提醒答复负责人</translation>
    </message>
    <message>
        <source>Question overdue, escalated</source>
        <translation>提问逾期未答复，已上报</translation>
    </message>
    <message>
        <source>Question answered</source>
        <translation>提问已答复</translation>
    </message>
    <message>
        <source>Question handed to someone else</source>
        <translation>提问已改派</translation>
    </message>
    <message>
        <source>Decision reopened (a scorecard reopened)</source>
        <translation>面试结论已重新打开（评分表被退回）</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已备案</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>未答复</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Tentative</source>
        <translation>暂定</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Observer</source>
        <translation>列席</translation>
    </message>
    <message>
        <source>did not come {0} time(s) before</source>
        <translation>此前爽约 {0} 次</translation>
    </message>
    <message>
        <source>came late {0} time(s) before</source>
        <translation>此前迟到 {0} 次</translation>
    </message>
    <message>
        <source>asked to reschedule {0} time(s)</source>
        <translation>本人申请改期 {0} 次</translation>
    </message>
    <message>
        <source>has not confirmed, the deadline has passed</source>
        <translation>确认期限已过仍未确认</translation>
    </message>
    <message>
        <source>has not confirmed yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>booked more than 14 days ahead</source>
        <translation>提前14天以上预约</translation>
    </message>
    <message>
        <source>booked less than 24 hours ahead</source>
        <translation>距面试不足24小时才预约</translation>
    </message>
    <message>
        <source>starts early in the morning or late in the afternoon</source>
        <translation>面试时间过早或过晚（9:00前或16:30后）</translation>
    </message>
    <message>
        <source>Calendar: new</source>
        <translation>日历：新建</translation>
    </message>
    <message>
        <source>Calendar: update</source>
        <translation>日历：更新</translation>
    </message>
    <message>
        <source>Calendar: cancel</source>
        <translation>日历：取消</translation>
    </message>
    <message>
        <source>Reminder the day before</source>
        <translation>面试前一天提醒</translation>
    </message>
    <message>
        <source>Interviewer assigned</source>
        <translation>面试官安排</translation>
    </message>
    <message>
        <source>Interviewer: change</source>
        <translation>面试官：变更</translation>
    </message>
    <message>
        <source>Approval request</source>
        <translation>审批请求</translation>
    </message>
    <message>
        <source>Approval result</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>Late alert</source>
        <translation>迟到提醒</translation>
    </message>
    <message>
        <source>Answer: access to personal data</source>
        <translation>答复：个人信息查阅复制</translation>
    </message>
    <message>
        <source>Answer: correction of personal data</source>
        <translation>答复：个人信息更正</translation>
    </message>
    <message>
        <source>Answer: personal data deleted</source>
        <translation>答复：个人信息已删除</translation>
    </message>
    <message>
        <source>Answer: deletion, kept and restricted</source>
        <translation>答复：删除请求（保存期内限制处理）</translation>
    </message>
    <message>
        <source>Answer: processing restricted</source>
        <translation>答复：已限制处理</translation>
    </message>
    <message>
        <source>Answer: consent withdrawn</source>
        <translation>答复：已撤回同意</translation>
    </message>
    <message>
        <source>Answer: personal-data request refused</source>
        <translation>答复：个人信息请求不予办理</translation>
    </message>
    <message>
        <source>Offer answer too late</source>
        <translation>录用答复逾期</translation>
    </message>
    <message>
        <source>Management post</source>
        <translation>管理岗位</translation>
    </message>
    <message>
        <source>Professional and technical post</source>
        <translation>专业技术岗位</translation>
    </message>
    <message>
        <source>Skilled worker post</source>
        <translation>工勤技能岗位</translation>
    </message>
    <message>
        <source>Access and copy</source>
        <translation>查阅复制</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Restriction of processing</source>
        <translation>限制处理</translation>
    </message>
    <message>
        <source>Withdrawal of consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>待办理</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Copy provided</source>
        <translation>已提供副本</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Anonymised</source>
        <translation>已匿名化</translation>
    </message>
    <message>
        <source>Kept (retention), processing restricted</source>
        <translation>保存期内，已限制处理</translation>
    </message>
    <message>
        <source>Processing restricted</source>
        <translation>已限制处理</translation>
    </message>
    <message>
        <source>Left the talent pool</source>
        <translation>已退出人才库</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予办理</translation>
    </message>
    <message>
        <source>Closed without answer</source>
        <translation>未答复关闭</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>面试邀请</translation>
    </message>
    <message>
        <source>Candidate replied</source>
        <translation>候选人回复</translation>
    </message>
    <message>
        <source>Thank-you and survey sent</source>
        <translation>已发送致谢及问卷</translation>
    </message>
    <message>
        <source>Survey answered</source>
        <translation>问卷已答复</translation>
    </message>
    <message>
        <source>Survey answer unclear</source>
        <translation>问卷答复无法识别</translation>
    </message>
    <message>
        <source>Progress query answered</source>
        <translation>已自动答复进度查询</translation>
    </message>
    <message>
        <source>Change notice</source>
        <translation>变更通知</translation>
    </message>
    <message>
        <source>Cancellation notice</source>
        <translation>取消通知</translation>
    </message>
    <message>
        <source>Audit log anchor</source>
        <translation>审计日志锚点</translation>
    </message>
    <message>
        <source>Low match alert</source>
        <translation>匹配度较低提醒</translation>
    </message>
    <message>
        <source>Thank-you and survey</source>
        <translation>致谢及问卷</translation>
    </message>
    <message>
        <source>Survey received</source>
        <translation>问卷答复确认</translation>
    </message>
    <message>
        <source>Survey: please answer again</source>
        <translation>问卷：请重新作答</translation>
    </message>
    <message>
        <source>Progress answer</source>
        <translation>进度答复</translation>
    </message>
    <message>
        <source>Answer to a question</source>
        <translation>提问答复</translation>
    </message>
    <message>
        <source>Question reminder</source>
        <translation>提问答复提醒</translation>
    </message>
    <message>
        <source>Question overdue</source>
        <translation>提问逾期未答复</translation>
    </message>
    <message>
        <source>Result: passed</source>
        <translation>面试结果（通过）</translation>
    </message>
    <message>
        <source>Result: not this time</source>
        <translation>面试结果（未通过）</translation>
    </message>
    <message>
        <source>Scorecard reminder</source>
        <translation>面试评价提醒</translation>
    </message>
    <message>
        <source>Pay and benefits</source>
        <translation>薪酬福利</translation>
    </message>
    <message>
        <source>Promotion and development</source>
        <translation>晋升发展</translation>
    </message>
    <message>
        <source>Team and duties</source>
        <translation>团队与岗位职责</translation>
    </message>
    <message>
        <source>Working arrangements</source>
        <translation>工作安排</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>In the room</source>
        <translation>面试现场</translation>
    </message>
    <message>
        <source>Candidate form</source>
        <translation>候选人自助填写</translation>
    </message>
    <message>
        <source>E-mail reply</source>
        <translation>邮件回复</translation>
    </message>
    <message>
        <source>SMS reply</source>
        <translation>短信回复</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>Hired</source>
        <translation>已录用</translation>
    </message>
    <message>
        <source>Not hired</source>
        <translation>未录用</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>本人放弃</translation>
    </message>
    <message>
        <source>Talent pool (with consent)</source>
        <translation>人才库（经同意）</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Data maintenance (stale)</source>
        <translation>数据维护（长期未联系）</translation>
    </message>
    <message>
        <source>from the application&apos;s closing</source>
        <translation>自应聘结束之日起</translation>
    </message>
    <message>
        <source>from the consent date</source>
        <translation>自同意之日起</translation>
    </message>
    <message>
        <source>from each entry&apos;s date</source>
        <translation>自每条记录之日起</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已执行</translation>
    </message>
    <message>
        <source>Withdrawn by HR</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 年</translation>
    </message>
    <message>
        <source>{0} years</source>
        <translation>{0} 年</translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit InterviewDesk</source>
        <translation>退出面试协同台</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>InterviewDesk is locked</source>
        <translation>面试协同台已锁定</translation>
    </message>
    <message>
        <source>Sign in to InterviewDesk</source>
        <translation>登录面试协同台</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>InterviewDesk was locked after {0} minutes without activity. Enter your password to continue.</source>
        <translation>面试协同台已在 {0} 分钟无操作后自动锁定。请输入密码继续。</translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <source>SMTP server</source>
        <translation>发件服务器（SMTP）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>发件人地址</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>发件人名称</translation>
    </message>
    <message>
        <source>Internal CA certificate file</source>
        <translation>内部 CA 证书文件</translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source>Read candidates&apos; replies</source>
        <translation>读取候选人回复</translation>
    </message>
    <message>
        <source>Check every (minutes)</source>
        <translation>检查间隔（分钟）</translation>
    </message>
    <message>
        <source>IMAP server</source>
        <translation>收件服务器（IMAP）</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Words that confirm (comma-separated)</source>
        <translation>表示确认的回复词（以逗号分隔）</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>None (internal network only)</source>
        <translation>不加密（仅限内网）</translation>
    </message>
    <message>
        <source>Candidates get their invitations, changes and cancellations by e-mail through this server, and may answer them by replying.</source>
        <translation>候选人的面试邀请、变更和取消通知经此服务器以邮件发出，候选人可直接回复邮件。</translation>
    </message>
    <message>
        <source>Sending (SMTP)</source>
        <translation>发送（SMTP）</translation>
    </message>
    <message>
        <source>Replies (IMAP)</source>
        <translation>回复（IMAP）</translation>
    </message>
    <message>
        <source>Save mail settings</source>
        <translation>保存邮件设置</translation>
    </message>
    <message>
        <source>Address for the test message</source>
        <translation>测试邮件的收件地址</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>发送测试邮件</translation>
    </message>
    <message>
        <source>Check mailbox now</source>
        <translation>立即检查收件箱</translation>
    </message>
    <message>
        <source>Enter the address the test message goes to.</source>
        <translation>请填写测试邮件的收件地址。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Test message sent to {0}.</source>
        <translation>测试邮件已发送至 {0}。</translation>
    </message>
    <message>
        <source>Checking the mailbox…</source>
        <translation>正在检查收件箱…</translation>
    </message>
    <message>
        <source>{0} new messages: {1} confirmed, {2} calendar replies, {3} replies put on the interview&apos;s history, {4} not about an interview (left unread).</source>
        <translation>新邮件 {0} 封：确认 {1} 封，日历回复 {2} 封，记入面试记录的回复 {3} 封，与面试无关 {4} 封（保留未读）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>My interviews</source>
        <translation>我的面试</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>Room board</source>
        <translation>前台看板</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>候选人提问</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Locked. Sign in again to continue.</source>
        <translation>已锁定。请重新登录后继续。</translation>
    </message>
    <message>
        <source>{0} ({1}) · {2}</source>
        <translation>{0}（{1}）· {2}</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Sign out / switch user</source>
        <translation>注销/切换用户</translation>
    </message>
    <message>
        <source>Sign out and let another user sign in (Ctrl+Shift+L); the database stays open</source>
        <translation>注销并让其他用户登录（Ctrl+Shift+L），数据库保持打开</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) failed to send</source>
        <translation>
            <numerusform>%n 条消息发送失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved yet: {0}. Sign out anyway? What was not saved is lost.</source>
        <translation>以下内容尚未保存：{0}。仍要注销吗？未保存的内容将丢失。</translation>
    </message>
    <message>
        <source>Sign out anyway</source>
        <translation>仍然注销</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>已注销。</translation>
    </message>
</context>
<context>
    <name>MaintenanceTab</name>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>查看名单</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Nobody meets the rule.</source>
        <translation>没有符合规则的人员。</translation>
    </message>
    <message>
        <source>Propose anonymisation ({0})</source>
        <translation>提议匿名化（{0}）</translation>
    </message>
    <message>
        <source>Compact now</source>
        <translation>立即压缩</translation>
    </message>
    <message>
        <source>Not passed, nothing open, and no contact for</source>
        <translation>未通过、无进行中的应聘，且未联系已满</translation>
    </message>
    <message>
        <source>Candidates who did not pass and have not been in touch for the months below can be anonymised before their retention ends (the institution&apos;s routine clean-up, e.g. every quarter). Anonymising removes their personal data like a purge and also needs the personnel office&apos;s approval.</source>
        <translation>未通过且在下列月数内没有联系的候选人，可在保管期限届满前匿名化（单位的例行清理，例如每季度一次）。匿名化与清除一样删除其个人信息，同样需要人事处审批。</translation>
    </message>
    <message>
        <source>Database size</source>
        <translation>数据库大小</translation>
    </message>
    <message>
        <source>On PostgreSQL, VACUUM frees the space of removed values for reuse; until it is reused, and in the server&apos;s write-ahead log and backups, old row versions remain on the server&apos;s disks.</source>
        <translation>在 PostgreSQL 上，VACUUM 释放已删除值所占的空间以供重用；在空间被重用之前，以及在服务器的预写日志和备份中，旧的行版本仍留在服务器磁盘上。</translation>
    </message>
    <message numerus="yes">
        <source>Not passed ({0}); last contact {1}, %n month(s) ago</source>
        <translation>
            <numerusform>未通过（{0}）；最后联系 {1}，已 %n 个月</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) meet the rule</source>
        <translation>
            <numerusform>%n 人符合规则</numerusform>
        </translation>
    </message>
    <message>
        <source>Now: {0}</source>
        <translation>当前：{0}</translation>
    </message>
    <message>
        <source>Compacting…</source>
        <translation>正在压缩……</translation>
    </message>
    <message>
        <source>Before: {0}; after: {1}.</source>
        <translation>压缩前：{0}；压缩后：{1}。</translation>
    </message>
    <message>
        <source>Another program held the database open, so its log could not be emptied; compact again when it has closed.</source>
        <translation>另一个程序正打开数据库，日志未能清空；请在其关闭后再压缩一次。</translation>
    </message>
</context>
<context>
    <name>MatchReport</name>
    <message>
        <source>Met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Partly</source>
        <translation>部分符合</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>不符合</translation>
    </message>
</context>
<context>
    <name>MatchReportView</name>
    <message>
        <source>Select an application to see how the candidate matches the position.</source>
        <translation>选择一条应聘记录，查看候选人与岗位的匹配情况。</translation>
    </message>
    <message>
        <source>Match with the position: {0} of {1} requirements met. Each requirement counts by its weight; partly met counts half.</source>
        <translation>与岗位的匹配度：{1} 项要求中符合 {0} 项。各项按权重计分，部分符合计一半。</translation>
    </message>
    <message>
        <source>The position states no requirements.</source>
        <translation>该岗位未设置任何要求。</translation>
    </message>
    <message>
        <source>Weight {0}</source>
        <translation>权重 {0}</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>Nothing in the profile shows it.</source>
        <translation>简历资料中未见相关内容。</translation>
    </message>
</context>
<context>
    <name>MatchSettings</name>
    <message>
        <source>Warn below this match (%)</source>
        <translation>匹配度低于此值时提醒（%）</translation>
    </message>
    <message>
        <source>Minutes before the interview</source>
        <translation>面试开始前提醒（分钟）</translation>
    </message>
    <message>
        <source>Own profile fields</source>
        <translation>本单位自定义简历字段</translation>
    </message>
    <message>
        <source>Separate with commas, e.g. 外语水平, 政治面貌, 职称</source>
        <translation>用逗号分隔，例如：外语水平，政治面貌，职称</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Save match settings</source>
        <translation>保存匹配度设置</translation>
    </message>
    <message>
        <source>Every candidate is measured against the position&apos;s weighted requirements (edited with the position). When an interview is about to start and its candidate matches below the threshold, HR and every panel member get an alert here and a message through their channels, with the main gaps and what to check; a threshold of 0 sends none.</source>
        <translation>每位候选人都按岗位的加权要求（在岗位中编辑）计算匹配度。面试即将开始而候选人匹配度低于下限时，人事专员和每位面试官都会在本系统中收到提醒，并通过各自的渠道收到消息，说明主要差距和建议重点确认的内容；下限设为 0 则不提醒。</translation>
    </message>
    <message>
        <source>Own profile fields are asked for on every candidate&apos;s form, besides the names of the positions&apos; own-field requirements.</source>
        <translation>除岗位“自定义字段”要求中的名称外，每位候选人的表单还会填写这里列出的自定义字段。</translation>
    </message>
</context>
<context>
    <name>MessageViewer</name>
    <message>
        <source>Message #{0}</source>
        <translation>消息 #{0}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>第几条</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Choose an attachment to read it as text.</source>
        <translation>选择一个附件，以文本方式查看其内容。</translation>
    </message>
    <message>
        <source>As the recipient sees it</source>
        <translation>收件人看到的样子</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>SMS parts</source>
        <translation>短信分条</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>The message cannot be shown.</source>
        <translation>无法显示该消息。</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <source>This message cannot be made from its template: {0}</source>
        <translation>无法按模板生成该消息：{0}</translation>
    </message>
    <message>
        <source>Exactly as it was sent.</source>
        <translation>与发出时完全一致。</translation>
    </message>
    <message>
        <source>Made from the message templates as they are now.</source>
        <translation>内容按当前的消息模板生成。</translation>
    </message>
    <message>
        <source>Contact data you may not see is masked.</source>
        <translation>您无权查看的联系方式已屏蔽。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>{0} characters, sent as {1} message(s)</source>
        <translation>共 {0} 字，分 {1} 条发送</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Minimum years</source>
        <translation>最低工作年限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应聘记录</translation>
    </message>
    <message>
        <source>Personal fields</source>
        <translation>个人信息字段</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Opening date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>岗位说明</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>Observers</source>
        <translation>列席人员</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>视频会议链接</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因类别</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>面试轮次</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘记录</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>变更类型</translation>
    </message>
    <message>
        <source>Reason for overriding</source>
        <translation>忽略冲突的理由</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Booked interviews</source>
        <translation>已安排的面试</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>工作经历</translation>
    </message>
    <message>
        <source>Résumé summary</source>
        <translation>简历摘要</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>面试记录</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Reason for running over</source>
        <translation>超时原因</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Further profile fields</source>
        <translation>其他信息</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>岗位要求</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>面试</translation>
    </message>
    <message>
        <source>Overall recommendation</source>
        <translation>总体推荐</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Salary structure</source>
        <translation>薪酬结构</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Probation</source>
        <translation>试用期</translation>
    </message>
    <message>
        <source>Work place</source>
        <translation>工作地点</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Job content</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>Employee&apos;s address</source>
        <translation>劳动者住址</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>终止日期</translation>
    </message>
    <message>
        <source>Post type</source>
        <translation>岗位类别</translation>
    </message>
    <message>
        <source>Days to reply</source>
        <translation>回复天数</translation>
    </message>
    <message>
        <source>Days to the start</source>
        <translation>报到天数</translation>
    </message>
    <message>
        <source>Letter text</source>
        <translation>通知书正文</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>答复方式</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>How it came</source>
        <translation>提出方式</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>更正内容</translation>
    </message>
    <message>
        <source>Copy of the data</source>
        <translation>个人信息副本</translation>
    </message>
    <message>
        <source>Post grade</source>
        <translation>岗位等级</translation>
    </message>
    <message>
        <source>Interview decision</source>
        <translation>面试结论</translation>
    </message>
    <message>
        <source>Feedback summary</source>
        <translation>面试评语</translation>
    </message>
    <message>
        <source>Correction of {0}</source>
        <translation>{0}的更正</translation>
    </message>
    <message>
        <source>Salary line {0}</source>
        <translation>薪酬第{0}行</translation>
    </message>
    <message>
        <source>Score of criterion {0}</source>
        <translation>第 {0} 项评分</translation>
    </message>
    <message>
        <source>Planned minutes of round {0}</source>
        <translation>第 {0} 轮计划时长</translation>
    </message>
    <message>
        <source>Questions of round {0}</source>
        <translation>第 {0} 轮候选人提问数</translation>
    </message>
    <message>
        <source>Checklist of round {0}</source>
        <translation>第 {0} 轮收尾清单</translation>
    </message>
    <message>
        <source>Question {0}</source>
        <translation>第 {0} 个问题</translation>
    </message>
    <message>
        <source>Name of day {0}</source>
        <translation>第 {0} 天的名称</translation>
    </message>
    <message>
        <source>Step {0}</source>
        <translation>第{0}步</translation>
    </message>
    <message>
        <source>Requirement {0}, {1}</source>
        <translation>第 {0} 项要求的{1}</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>is too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>is out of range</source>
        <translation>超出允许范围</translation>
    </message>
    <message>
        <source>is not one of the allowed choices</source>
        <translation>不是允许的选项</translation>
    </message>
    <message>
        <source>is closed (hired, not hired or withdrawn); move it back to an open stage before booking</source>
        <translation>已结束（已录用、未录用或已撤回）；请先将其改回进行中的阶段，再安排面试</translation>
    </message>
    <message>
        <source>may only contain digits, spaces, dashes and a leading +86</source>
        <translation>只能包含数字、空格、短横线以及开头的 +86</translation>
    </message>
    <message>
        <source>is not a valid mobile number (11 digits starting with 13–19); a landline needs its area code, e.g. 010-12345678 or 0571-8765432-123</source>
        <translation>不是有效的手机号码（以13–19开头的11位数字）；座机号码请带区号，例如 010-12345678 或 0571-8765432-123</translation>
    </message>
    <message>
        <source>is not a valid phone number: give a mobile number (11 digits starting with 13–19) or a landline with area code, e.g. 010-12345678 or 0571-8765432-123</source>
        <translation>不是有效的电话号码：请填写手机号码（以13–19开头的11位数字）或带区号的座机号码，例如 010-12345678 或 0571-8765432-123</translation>
    </message>
    <message>
        <source>contains control or invisible characters (such as line breaks, zero-width or direction marks)</source>
        <translation>含有控制字符或不可见字符（如换行、零宽字符或文字方向控制符）</translation>
    </message>
    <message>
        <source>contains broken characters that cannot be stored; please type it again</source>
        <translation>含有无法保存的损坏字符，请重新输入</translation>
    </message>
    <message>
        <source>is not a valid e-mail address</source>
        <translation>不是有效的电子邮箱地址</translation>
    </message>
    <message>
        <source>must have 18 characters</source>
        <translation>必须为 18 位</translation>
    </message>
    <message>
        <source>must be 17 digits followed by a digit or X</source>
        <translation>前 17 位必须为数字，最后一位为数字或 X</translation>
    </message>
    <message>
        <source>contains an impossible date of birth</source>
        <translation>中的出生日期不存在</translation>
    </message>
    <message>
        <source>has a wrong check digit; please check the number again</source>
        <translation>校验位不正确，请再核对一遍号码</translation>
    </message>
    <message>
        <source>may only contain letters, digits, - and _ (at most 32)</source>
        <translation>只能包含字母、数字、- 和 _（最多 32 位）</translation>
    </message>
    <message>
        <source>must not be empty or contain spaces</source>
        <translation>不能为空，也不能包含空格</translation>
    </message>
    <message>
        <source>is before the opening date</source>
        <translation>早于开放日期</translation>
    </message>
    <message>
        <source>exist; withdraw them before deleting the candidate</source>
        <translation>仍存在；请先撤回应聘记录再删除候选人</translation>
    </message>
    <message>
        <source>is not a personal field</source>
        <translation>不是个人信息字段</translation>
    </message>
    <message>
        <source>does not match the first entry</source>
        <translation>与第一次输入不一致</translation>
    </message>
    <message>
        <source>has no time zone</source>
        <translation>缺少时区</translation>
    </message>
    <message>
        <source>must not include the interviewers</source>
        <translation>不能包含面试官本人</translation>
    </message>
    <message>
        <source>must start with https:// or http://</source>
        <translation>必须以 https:// 或 http:// 开头</translation>
    </message>
    <message>
        <source>would not change anything</source>
        <translation>与原安排相同，没有任何改动</translation>
    </message>
    <message>
        <source>needs either a role or a named person (one of the two)</source>
        <translation>须指定一个角色或一名人员（二选一）</translation>
    </message>
    <message>
        <source>is not possible at this step</source>
        <translation>不适用于这一审批环节</translation>
    </message>
    <message>
        <source>is not open for applications</source>
        <translation>未开放应聘</translation>
    </message>
    <message>
        <source>has asked to restrict the processing of their data</source>
        <translation>已要求限制处理其个人信息</translation>
    </message>
    <message>
        <source>is already the current stage</source>
        <translation>已是当前阶段</translation>
    </message>
    <message>
        <source>are too many</source>
        <translation>数量过多</translation>
    </message>
    <message>
        <source>is outside the allowed range</source>
        <translation>超出允许范围</translation>
    </message>
    <message>
        <source>has no score yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>is in the past</source>
        <translation>已经过去</translation>
    </message>
    <message>
        <source>is after the start date</source>
        <translation>晚于报到日期</translation>
    </message>
    <message>
        <source>is not after the start</source>
        <translation>不晚于起始日期</translation>
    </message>
    <message>
        <source>contains characters that cannot be stored, or is too long</source>
        <translation>含有无法保存的字符，或过长</translation>
    </message>
    <message>
        <source>cannot be read; choose the file again</source>
        <translation>无法读取，请重新选择文件</translation>
    </message>
    <message>
        <source>is not a PDF, PNG or JPEG file of the allowed kind</source>
        <translation>不是允许的 PDF、PNG 或 JPEG 文件</translation>
    </message>
    <message>
        <source>has an amount that is not a non-negative number (leave it empty for HR to fill in, or write e.g. 2800 or 2,800 元/月)</source>
        <translation>的金额不是非负数（留空由人事专员逐人填写，或写作 2800、2,800 元/月 等）</translation>
    </message>
    <message>
        <source>is more than the days to the start: the answer must come before the start</source>
        <translation>多于报到天数：候选人须在报到之前答复</translation>
    </message>
    <message>
        <source>has no amount yet: fill in the amount the template leaves open</source>
        <translation>尚无金额：请填写模板留空的金额</translation>
    </message>
    <message>
        <source>needs a comment (a score of 3 or less, or 9 or more)</source>
        <translation>须填写评语（评分不高于3分或不低于9分）</translation>
    </message>
    <message>
        <source>is the decision already taken; choose the other outcome to correct it</source>
        <translation>与当前结论相同；更正时请选择另一结论</translation>
    </message>
    <message>
        <source>is not a candidate on record; search the candidate again</source>
        <translation>不是系统中的候选人，请重新查找</translation>
    </message>
    <message>
        <source>has already been anonymised: there is no personal data left to handle</source>
        <translation>已匿名化，已无个人信息可办理</translation>
    </message>
    <message>
        <source>has no address for this candidate (no e-mail address or mobile number on file); choose the other channel or correct the record first</source>
        <translation>缺少该候选人的联系地址（未登记电子邮箱或手机号码），请改选其他方式或先更正信息</translation>
    </message>
    <message>
        <source>is in the future</source>
        <translation>晚于今天</translation>
    </message>
    <message>
        <source>Not checked in: the interview is not today. Check-in for it is possible on {0} from {1} to {2}.</source>
        <translation>未签到：面试不在今天。该面试可在 {0} 的 {1} 至 {2} 之间签到。</translation>
    </message>
    <message>
        <source>Not checked in: it is too early. Check-in for this interview is possible on {0} from {1} to {2}.</source>
        <translation>未签到：还未到签到时间。该面试可在 {0} 的 {1} 至 {2} 之间签到。</translation>
    </message>
    <message>
        <source>Not checked in: the check-in time is over. Check-in for this interview was possible on {0} from {1} to {2}.</source>
        <translation>未签到：签到时间已过。该面试的签到时间为 {0} 的 {1} 至 {2}。</translation>
    </message>
    <message>
        <source>The interview can only be started on its day ({0}).</source>
        <translation>只能在面试当天（{0}）开始面试。</translation>
    </message>
    <message>
        <source>The interview has not been started yet.</source>
        <translation>面试尚未开始。</translation>
    </message>
    <message>
        <source>The interview has already ended; nothing was changed.</source>
        <translation>面试已结束，未做任何更改。</translation>
    </message>
    <message>
        <source>Closing items not ticked: {0}. Confirm to end anyway.</source>
        <translation>收尾清单尚有未勾选的事项：{0}。如仍要结束，请确认。</translation>
    </message>
    <message>
        <source>The interview ran {0} minutes over; please give the reason before ending it.</source>
        <translation>面试超时 {0} 分钟，请先填写超时原因再结束面试。</translation>
    </message>
    <message>
        <source>This closing item no longer exists; the list was reloaded.</source>
        <translation>收尾清单中已没有这一项，清单已重新加载。</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>is too long (at most {0} characters)</source>
        <translation>过长（最多 {0} 个字符）</translation>
    </message>
    <message>
        <source>Room {0} is already booked at this time (interview at {1}).</source>
        <translation>会议室 {0} 该时段已被占用（{1} 的面试）。</translation>
    </message>
    <message>
        <source>The time has already passed.</source>
        <translation>该时间已经过去。</translation>
    </message>
    <message>
        <source>Room {0} is no longer in use.</source>
        <translation>会议室 {0} 已停用。</translation>
    </message>
    <message>
        <source>{0} already has an interview at this time (at {1}).</source>
        <translation>面试官 {0} 该时段已有面试（{1}）。</translation>
    </message>
    <message>
        <source>{0}&apos;s calendar shows them busy at this time.</source>
        <translation>{0} 的日历显示该时段忙碌。</translation>
    </message>
    <message>
        <source>Room {0}&apos;s calendar shows it taken at this time.</source>
        <translation>会议室 {0} 的日历显示该时段已占用。</translation>
    </message>
    <message>
        <source>The calendar of {0} could not be read, so it is not known whether they are free.</source>
        <translation>无法获取 {0} 的忙闲（日历读取失败），不能确定是否空闲。</translation>
    </message>
    <message>
        <source>The candidate already has another interview at this time (at {1}).</source>
        <translation>候选人该时段已有其他面试（{1}）。</translation>
    </message>
    <message>
        <source>Room {0} does not seat everyone taking part.</source>
        <translation>会议室 {0} 容纳不下全部参加人员。</translation>
    </message>
    <message>
        <source>The time is outside working hours.</source>
        <translation>不在工作时间内。</translation>
    </message>
    <message>
        <source>The day is not a working day {0}.</source>
        <translation>当天不是工作日{0}。</translation>
    </message>
    <message>
        <source>The day falls on a weekend and is not a working day.</source>
        <translation>该日为周末，不是工作日。</translation>
    </message>
    <message>
        <source>({0})</source>
        <translation>（{0}）</translation>
    </message>
    <message>
        <source>the file is larger than 10 MB</source>
        <translation>文件超过 10 MB</translation>
    </message>
    <message>
        <source>the text encoding is not UTF-8 or GB18030</source>
        <translation>文字编码不是 UTF-8 或 GB18030</translation>
    </message>
    <message>
        <source>this is not an iCalendar (.ics) file</source>
        <translation>这不是 iCalendar（.ics）日历文件</translation>
    </message>
    <message>
        <source>the line is not in iCalendar form (NAME:value)</source>
        <translation>该行不符合 iCalendar 格式（名称:值）</translation>
    </message>
    <message>
        <source>BEGIN and END do not match ({0})</source>
        <translation>BEGIN 与 END 不配对（{0}）</translation>
    </message>
    <message>
        <source>the file holds more than one calendar</source>
        <translation>文件中包含多个日历</translation>
    </message>
    <message>
        <source>the value of {0} is not valid</source>
        <translation>{0} 的值无效</translation>
    </message>
    <message>
        <source>unknown time zone “{0}”</source>
        <translation>未知时区“{0}”</translation>
    </message>
    <message>
        <source>{0} is missing</source>
        <translation>缺少 {0}</translation>
    </message>
    <message>
        <source>the event ends before it starts</source>
        <translation>事件的结束时间早于开始时间</translation>
    </message>
    <message>
        <source>the repeat rule (RRULE) cannot be understood</source>
        <translation>无法识别重复规则（RRULE）</translation>
    </message>
    <message>
        <source>the repeat rule makes too many events</source>
        <translation>重复规则产生的事件过多</translation>
    </message>
    <message>
        <source>it is not a reply to an invitation (METHOD:REPLY)</source>
        <translation>这不是对邀请的回复（METHOD:REPLY）</translation>
    </message>
    <message>
        <source>it contains no events</source>
        <translation>文件中没有事件</translation>
    </message>
    <message>
        <source>{0} appears twice in one entry</source>
        <translation>同一条目中 {0} 出现了两次</translation>
    </message>
    <message>
        <source>its content cannot be understood</source>
        <translation>内容无法识别</translation>
    </message>
    <message>
        <source>the date in {0} is not between the years {1} and {2}</source>
        <translation>{0} 中的日期不在 {1} 年至 {2} 年之间</translation>
    </message>
    <message>
        <source>one event lasts more than {0} days; a holiday calendar lists each holiday on its own</source>
        <translation>有一个事件长于 {0} 天；节假日日历应逐个列出各个假日</translation>
    </message>
    <message>
        <source>it holds more than {0} days; import at most ten years at a time</source>
        <translation>其中超过 {0} 天；每次最多导入十年</translation>
    </message>
    <message>
        <source>The calendar file cannot be read: line {0}, {1}.</source>
        <translation>日历文件无法读取：第 {0} 行，{1}。</translation>
    </message>
    <message>
        <source>The calendar file cannot be read: {0}.</source>
        <translation>日历文件无法读取：{0}。</translation>
    </message>
    <message>
        <source>The template refers to an unknown field: {0}</source>
        <translation>模板引用了未知字段：{0}</translation>
    </message>
    <message>
        <source>This message cannot use the field: {0}</source>
        <translation>此类消息不能使用字段：{0}</translation>
    </message>
    <message>
        <source>The template has an unpaired brace; to show a brace itself, write two: {{ or }}.</source>
        <translation>模板中有不成对的花括号；如需显示花括号本身，请连写两个：{{ 或 }}。</translation>
    </message>
    <message>
        <source>The subject must not be empty.</source>
        <translation>标题不能为空。</translation>
    </message>
    <message>
        <source>The text must not be empty.</source>
        <translation>正文不能为空。</translation>
    </message>
    <message>
        <source>The subject is too long.</source>
        <translation>标题过长。</translation>
    </message>
    <message>
        <source>There is no such message template.</source>
        <translation>没有这种消息模板。</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <source>the file is cut short</source>
        <translation>文件不完整（被截断）</translation>
    </message>
    <message>
        <source>the file is not an InterviewDesk database</source>
        <translation>该文件不是面试协同台数据库</translation>
    </message>
    <message>
        <source>the file holds no InterviewDesk data</source>
        <translation>文件中没有面试协同台的数据</translation>
    </message>
    <message>
        <source>the passphrase is right but the file does not decrypt with its key file (or the key file belongs to another database)</source>
        <translation>口令正确，但文件无法用其密钥文件解密（或密钥文件属于另一个数据库）</translation>
    </message>
    <message>
        <source>parts of the file cannot be read</source>
        <translation>文件的部分内容无法读取</translation>
    </message>
    <message>
        <source>The database file is damaged: {0}. It was left exactly as it is. Stop using it and restore the latest good backup (interviewdesk db restore BACKUP).</source>
        <translation>数据库文件已损坏：{0}。文件保持原样，未作任何改动。请停止使用，并从最近一次完好的备份恢复（interviewdesk db restore 备份文件）。</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>its content is not in the key file format</source>
        <translation>内容不符合密钥文件格式</translation>
    </message>
    <message>
        <source>its key derivation settings are out of range</source>
        <translation>密钥派生参数超出范围</translation>
    </message>
    <message>
        <source>The key file next to the database ({0}) is damaged: {1}. Nothing was changed; restore it from the backup together with the database.</source>
        <translation>数据库旁的密钥文件（{0}）已损坏：{1}。未作任何改动；请从备份中将它与数据库一起恢复。</translation>
    </message>
    <message>
        <source>The database stayed locked by another program for {0} seconds (another InterviewDesk, or a scheduled “interviewdesk outbox run”), so nothing of this action was saved. Try again in a moment; if it keeps happening, close the other programs.</source>
        <translation>数据库被另一个程序锁定了 {0} 秒（另一个面试协同台，或计划任务“interviewdesk outbox run”），本次操作未保存任何内容。请稍后重试；如果反复出现，请关闭其他程序。</translation>
    </message>
    <message>
        <source>The database is open in another program (InterviewDesk, or a scheduled “interviewdesk outbox run”), so it cannot be replaced now. Close that program and try again; nothing was changed.</source>
        <translation>数据库正被另一个程序打开（面试协同台，或计划任务“interviewdesk outbox run”），现在无法替换。请关闭该程序后重试；未作任何改动。</translation>
    </message>
    <message>
        <source>The operation was not completed; the database keeps its previous state.</source>
        <translation>操作未完成，数据库保持原状。</translation>
    </message>
    <message>
        <source>The disk is full (or the storage quota is used up).</source>
        <translation>磁盘已满（或存储配额已用完）。</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>what is required</source>
        <translation>具体要求</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Free some space, then try again.</source>
        <translation>请腾出空间后重试。</translation>
    </message>
    <message>
        <source>Access denied: this account may not read or write the file or folder (or the database account lacks the right).</source>
        <translation>访问被拒绝：当前账户无权读写该文件或文件夹（或数据库账户缺少相应权限）。</translation>
    </message>
    <message>
        <source>Ask the IT office for access.</source>
        <translation>请联系信息中心开通权限。</translation>
    </message>
    <message>
        <source>The file, the disk or the database is read-only.</source>
        <translation>文件、磁盘或数据库为只读。</translation>
    </message>
    <message>
        <source>Choose a writable place or ask the IT office.</source>
        <translation>请选择可写入的位置，或联系信息中心。</translation>
    </message>
    <message>
        <source>The disk reported a read or write error.</source>
        <translation>磁盘报告了读写错误。</translation>
    </message>
    <message>
        <source>Have the IT office check the disk, and keep the latest backup at hand.</source>
        <translation>请信息中心检查磁盘，并备好最近的备份。</translation>
    </message>
    <message>
        <source>The computer or the database server ran out of memory, open files or connections.</source>
        <translation>计算机或数据库服务器的内存、可打开文件数或连接数已用尽。</translation>
    </message>
    <message>
        <source>Close other programs and try again.</source>
        <translation>请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>The database refused the operation (a limit was reached or it was cancelled).</source>
        <translation>数据库拒绝了该操作（达到限制或操作被取消）。</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell the IT office.</source>
        <translation>请重试；如再次出现，请告知信息中心。</translation>
    </message>
    <message>
        <source>A file or folder could not be used (system error {0}).</source>
        <translation>无法使用文件或文件夹（系统错误 {0}）。</translation>
    </message>
    <message>
        <source>This computer has no usable key store (Windows account protection or the system keyring).</source>
        <translation>本机没有可用的密钥存储（Windows 数据保护或系统密钥环）。</translation>
    </message>
    <message>
        <source>Sign-in without the passphrase is not set up for this database.</source>
        <translation>此数据库未设置免口令打开。</translation>
    </message>
    <message>
        <source>The database&apos;s key slot belongs to another kind of computer.</source>
        <translation>数据库的本机密钥槽属于另一类电脑。</translation>
    </message>
    <message>
        <source>This computer&apos;s keyring no longer holds the database&apos;s key (it was deleted, or this is another computer).</source>
        <translation>本机密钥环中已没有此数据库的密钥（已被删除，或这是另一台电脑）。</translation>
    </message>
    <message>
        <source>This computer&apos;s key store refused the database&apos;s key slot (the file was copied from another computer, or Windows was reinstalled).</source>
        <translation>本机密钥存储无法打开数据库的本机密钥槽（文件是从其他电脑复制来的，或 Windows 已重装）。</translation>
    </message>
    <message>
        <source>This computer&apos;s key store did not answer.</source>
        <translation>本机密钥存储没有响应。</translation>
    </message>
    <message>
        <source>This computer&apos;s key store could not open the database.</source>
        <translation>本机密钥存储无法打开数据库。</translation>
    </message>
    <message>
        <source>the link is empty</source>
        <translation>链接为空</translation>
    </message>
    <message>
        <source>the link is too long</source>
        <translation>链接过长</translation>
    </message>
    <message>
        <source>it is not an InterviewDesk link</source>
        <translation>这不是面试协同台的链接</translation>
    </message>
    <message>
        <source>it does not lead to an interview</source>
        <translation>链接指向的不是面试</translation>
    </message>
    <message>
        <source>it names no interview number</source>
        <translation>链接中没有面试编号</translation>
    </message>
    <message>
        <source>This link cannot be opened: {0}. A link to an interview looks like interviewdesk://interview/123.</source>
        <translation>无法打开此链接：{0}。面试链接的格式为 interviewdesk://interview/123。</translation>
    </message>
    <message>
        <source>The first day of the range is after the last day.</source>
        <translation>起始日期晚于截止日期。</translation>
    </message>
    <message>
        <source>There is no department with the code {0}.</source>
        <translation>没有代码为 {0} 的部门。</translation>
    </message>
    <message>
        <source>{0} already exists; packages never overwrite. Choose another name or folder.</source>
        <translation>{0} 已存在；档案包不会覆盖已有文件。请换一个名称或文件夹。</translation>
    </message>
    <message>
        <source>No dossier was formed in this range (no application closed then, in the departments you may export).</source>
        <translation>该日期范围内没有形成的档案（在您可导出的部门中，这些日期没有结束的应聘）。</translation>
    </message>
    <message>
        <source>A record changed while the package was being written, so the package would not match the archive register. Export again.</source>
        <translation>写入档案包期间有记录发生变化，包与档案登记将不一致。请重新导出。</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>The archived dossier {0} is missing from the archive store or was altered there, and its candidate&apos;s personal data has been purged, so it cannot be made again. Restore the archive store from its backup.</source>
        <translation>档案库中缺少已归档的档案 {0}，或该文件已被改动；其候选人的个人信息已清除，无法重新生成。请从备份恢复档案库。</translation>
    </message>
    <message>
        <source>No package was written and nothing was registered.</source>
        <translation>未写入档案包，也未登记。</translation>
    </message>
    <message>
        <source>Nothing of the package was left at the destination, and no export was registered.</source>
        <translation>目标位置未留下任何不完整的档案包，也未登记本次导出。</translation>
    </message>
    <message>
        <source>there is no such folder or file</source>
        <translation>没有这个文件夹或文件</translation>
    </message>
    <message>
        <source>it is neither a package folder nor a readable .zip file</source>
        <translation>既不是档案包文件夹，也不是可读取的 .zip 文件</translation>
    </message>
    <message>
        <source>it could not be read (damaged file or disk)</source>
        <translation>无法读取（文件或磁盘损坏）</translation>
    </message>
    <message>
        <source>the manifest is missing: this is not a complete package</source>
        <translation>缺少清单：这不是完整的档案包</translation>
    </message>
    <message>
        <source>line {0} of the manifest is not “&lt;SHA-256&gt;  &lt;file&gt;”</source>
        <translation>清单第 {0} 行不是“&lt;SHA-256&gt;  &lt;文件&gt;”格式</translation>
    </message>
    <message>
        <source>the file is listed in the manifest but missing</source>
        <translation>清单中列出的文件不存在</translation>
    </message>
    <message>
        <source>its SHA-256 differs from the manifest: the file was changed</source>
        <translation>SHA-256 与清单不符：文件已被改动</translation>
    </message>
    <message>
        <source>its bytes fail the zip file&apos;s own check (CRC): the file was changed or damaged</source>
        <translation>未通过 zip 文件自身的校验（CRC）：文件已被改动或损坏</translation>
    </message>
    <message>
        <source>the file is not in the manifest: it was added after the export</source>
        <translation>文件不在清单中：是导出后加入的</translation>
    </message>
    <message>
        <source>the file is not in the package&apos;s format</source>
        <translation>文件不符合档案包的格式</translation>
    </message>
    <message>
        <source>the public key {0} does not match its key id: the keys file was altered</source>
        <translation>公钥 {0} 与其密钥编号不符：公钥文件已被改动</translation>
    </message>
    <message>
        <source>no metadata record refers to this file</source>
        <translation>没有元数据记录引用此文件</translation>
    </message>
    <message>
        <source>the metadata names {0}, which is not in the package</source>
        <translation>元数据指向的 {0} 不在包中</translation>
    </message>
    <message>
        <source>the metadata&apos;s digest algorithm is {0}, not SHA-256</source>
        <translation>元数据的摘要算法是 {0}，不是 SHA-256</translation>
    </message>
    <message>
        <source>the metadata&apos;s digest (数字摘要) differs from that of {0}</source>
        <translation>元数据中的数字摘要与 {0} 的摘要不符</translation>
    </message>
    <message>
        <source>the metadata&apos;s file size differs from that of {0}</source>
        <translation>元数据中的文件大小与 {0} 不符</translation>
    </message>
    <message>
        <source>the metadata&apos;s number of signed decisions differs from {0}</source>
        <translation>元数据中的签批数量与 {0} 不符</translation>
    </message>
    <message>
        <source>signature {0} is incomplete</source>
        <translation>第 {0} 个签名不完整</translation>
    </message>
    <message>
        <source>signature {0} ({1} {2}): its fields differ from the signed text</source>
        <translation>第 {0} 个签名（{1} {2}）：字段与被签名的原文不一致</translation>
    </message>
    <message>
        <source>signature {0} ({1} {2}): its key {3} is not in keys/public_keys.json (is the keys file from another database?)</source>
        <translation>第 {0} 个签名（{1} {2}）：密钥 {3} 不在 keys/public_keys.json 中（公钥文件是否来自另一个数据库？）</translation>
    </message>
    <message>
        <source>signature {0} ({1} {2}): key {3} belongs to another user in keys/public_keys.json (is the keys file from another database?)</source>
        <translation>第 {0} 个签名（{1} {2}）：keys/public_keys.json 中密钥 {3} 属于另一位用户（公钥文件是否来自另一个数据库？）</translation>
    </message>
    <message>
        <source>signature {0} ({1} {2}) does not verify with key {3}: the signed text or the signature was changed, or the keys file is from another database</source>
        <translation>第 {0} 个签名（{1} {2}）用密钥 {3} 验证未通过：原文或签名已被改动，或公钥文件来自另一个数据库</translation>
    </message>
    <message>
        <source>signature {0} ({1} {2}) was already invalid when the package was exported</source>
        <translation>第 {0} 个签名（{1} {2}）在导出时已无效</translation>
    </message>
    <message>
        <source>This scorecard has already been submitted (perhaps on another desktop) and is locked. HR can reopen it if it must change.</source>
        <translation>此评分表已经提交（可能是在另一台电脑上），已锁定。如需修改，请人事处重新开放。</translation>
    </message>
    <message>
        <source>Only interviewers on this interview&apos;s panel fill in its scorecard.</source>
        <translation>只有本场面试小组的面试官才能填写评分表。</translation>
    </message>
    <message>
        <source>This scorecard has not been submitted; there is nothing to reopen.</source>
        <translation>此评分表尚未提交，无需重新开放。</translation>
    </message>
    <message>
        <source>{0} interviewer(s) of the panel have not submitted their scorecard yet; the rule waits for all of them.</source>
        <translation>面试小组还有 {0} 位面试官未提交评分表；规则须等全部提交后才能判定。</translation>
    </message>
    <message>
        <source>This round has already been decided; the decision shown is the current one.</source>
        <translation>本轮已有结论；显示的是当前结论。</translation>
    </message>
    <message>
        <source>The result has already gone out to the candidate, so the decision can no longer be corrected.</source>
        <translation>面试结果已发送给候选人，结论不能再更正。</translation>
    </message>
    <message>
        <source>The round is not decided yet; the feedback summary is written after the decision.</source>
        <translation>本轮尚未作出结论；面试评语在作出结论后填写。</translation>
    </message>
    <message>
        <source>This decision&apos;s feedback summary is not awaited (already approved, or the feedback goes out without one).</source>
        <translation>此结论无需再批准面试评语（已批准，或本次反馈不含评语）。</translation>
    </message>
    <message>
        <source>The interview has not begun yet: the scorecard can be submitted from {0}. Your draft is kept until then.</source>
        <translation>面试尚未开始：评分表可于 {0} 起提交，在此之前草稿会保留。</translation>
    </message>
    <message>
        <source>The round&apos;s result has already gone to the candidate, so its scorecards can no longer be reopened.</source>
        <translation>本轮结果已通知候选人，评分表不能再退回修改。</translation>
    </message>
    <message>
        <source>An offer exists for this application, so the round&apos;s scorecards can no longer be reopened.</source>
        <translation>该应聘已有录用通知，本轮评分表不能再退回修改。</translation>
    </message>
    <message>
        <source>The next round is already booked for this candidate; cancel it first if the decision must be taken again.</source>
        <translation>该候选人的下一轮面试已安排；如需重新作出结论，请先取消该面试。</translation>
    </message>
    <message>
        <source>The next round can be booked once this round is decided as passed.</source>
        <translation>本轮结论确认为“通过”后才能安排下一轮。</translation>
    </message>
    <message>
        <source>This was the position&apos;s last round: the offer step follows, there is no next round to book.</source>
        <translation>这是该岗位的最后一轮面试：接下来进入录用环节，没有下一轮可安排。</translation>
    </message>
    <message>
        <source>{0} of the chosen people are still within their retention period (a new application or consent since the list was made); refresh the due list and choose again.</source>
        <translation>所选人员中有 {0} 人仍在保管期限内（名单生成后有新的应聘或同意）；请刷新到期名单后重新选择。</translation>
    </message>
    <message>
        <source>{0} of the chosen people no longer meet the maintenance rule (they were in touch again, or applied); refresh the review list and choose again.</source>
        <translation>所选人员中有 {0} 人已不再符合维护规则（重新联系过或又应聘了）；请刷新名单后重新选择。</translation>
    </message>
    <message>
        <source>{0} of the chosen people have already been purged; refresh the due list and choose again.</source>
        <translation>所选人员中有 {0} 人已被清除；请刷新到期名单后重新选择。</translation>
    </message>
    <message>
        <source>The offer&apos;s reply deadline ({0}) has passed: the answer cannot be recorded. Make a new offer if the post is still to be filled by this candidate.</source>
        <translation>录用答复期限（{0}）已过，无法登记答复。如仍拟录用该候选人，请重新发出录用通知。</translation>
    </message>
    <message>
        <source>The position&apos;s headcount is {0} and {1} offer(s) are already accepted: one more would exceed it by {2}.</source>
        <translation>该岗位编制为 {0} 人，已有 {1} 人接受录用：再接受一人将超出 {2} 人。</translation>
    </message>
    <message>
        <source>This personal-data request has already been answered or closed; the list shows where it stands now.</source>
        <translation>该个人信息请求已答复或已关闭，请查看列表中的当前状态。</translation>
    </message>
    <message>
        <source>The candidate still has an open application. Close it first (e.g. as withdrawn), then answer the deletion request: the retention of the closed record decides whether the data can go.</source>
        <translation>该候选人仍有进行中的应聘。请先结束该应聘（如改为“已撤回”），再答复删除请求：是否可以删除取决于结束后记录的保存期限。</translation>
    </message>
    <message>
        <source>Processing of this candidate&apos;s data is not restricted (any more); nothing was changed.</source>
        <translation>该候选人的信息（已）不在限制处理状态，未作任何更改。</translation>
    </message>
    <message>
        <source>Only an access request gives the candidate a copy of their data.</source>
        <translation>只有查阅复制请求才提供个人信息副本。</translation>
    </message>
    <message>
        <source>This user has no signing key yet: one is made at their next sign-in. Nothing was changed.</source>
        <translation>该用户尚无签名密钥，将在其下次登录时生成。未作任何更改。</translation>
    </message>
    <message>
        <source>{0}: give the folder&apos;s whole path, e.g. D:\Backups or \\server\share\backups.</source>
        <translation>{0}：请填写文件夹的完整路径，例如 D:\备份 或 \\server\share\备份。</translation>
    </message>
    <message>
        <source>This application has no dossier yet. Produce it with “Produce dossier”.</source>
        <translation>本次应聘尚无面试档案。请点击“生成档案”生成。</translation>
    </message>
    <message>
        <source>The dossier&apos;s file is missing from the archive store (the archive folder in Settings). Produce the dossier again, or restore the archive folder from its backup.</source>
        <translation>档案库（设置中的档案文件夹）中找不到该面试档案的文件。请重新生成档案，或从备份中恢复档案文件夹。</translation>
    </message>
    <message>
        <source>The dossier&apos;s file in the archive store is not the one that was registered (its SHA-256 differs): it was altered or replaced, so it is not opened. Produce the dossier again and tell the archive&apos;s keeper.</source>
        <translation>档案库中的文件与登记的不一致（SHA-256 不同），可能已被改动或替换，因此不予打开。请重新生成档案，并告知档案管理人员。</translation>
    </message>
    <message>
        <source>No backup folder is set. Choose one in Settings → Backups.</source>
        <translation>尚未设置备份文件夹。请在“设置 → 备份”中选择。</translation>
    </message>
    <message>
        <source>The backup folder cannot be reached (is the network share connected?); no backup was written.</source>
        <translation>无法访问备份文件夹（网络共享是否已连接？）；没有写入备份。</translation>
    </message>
    <message>
        <source>The backup folder does not allow writing; no backup was written. Choose another folder or ask IT for write access.</source>
        <translation>备份文件夹不允许写入；没有写入备份。请选择其他文件夹，或请信息中心开通写入权限。</translation>
    </message>
    <message>
        <source>The backup folder&apos;s disk is full; no backup was written and nothing was left behind.</source>
        <translation>备份文件夹所在磁盘已满；没有写入备份，也没有留下残缺文件。</translation>
    </message>
    <message>
        <source>The backup was written but failed its check, so it was removed. Check the backup folder&apos;s disk and try again.</source>
        <translation>备份已写入但未通过校验，已将其删除。请检查备份文件夹所在磁盘后重试。</translation>
    </message>
    <message>
        <source>pg_dump could not back up the server database (is the server reachable, does the user have read access?).</source>
        <translation>pg_dump 未能备份服务器数据库（服务器能否连接？该用户是否有读取权限？）。</translation>
    </message>
    <message>
        <source>The backup was interrupted (the program closed while writing it).</source>
        <translation>备份被中断（写入时程序被关闭）。</translation>
    </message>
    <message>
        <source>pg_dump is not installed on this computer, so it cannot back up the server database. Install the PostgreSQL client tools, or let the scheduled task on the server do it.</source>
        <translation>本机没有安装 pg_dump，无法备份服务器数据库。请安装 PostgreSQL 客户端工具，或由服务器上的计划任务完成备份。</translation>
    </message>
    <message>
        <source>pg_dump on this computer is older than the database server; install the client tools of the server&apos;s version.</source>
        <translation>本机的 pg_dump 版本低于数据库服务器；请安装与服务器版本一致的客户端工具。</translation>
    </message>
    <message>
        <source>Server databases are backed up with {0}, which is not installed on this computer. Install the PostgreSQL client tools, or run “interviewdesk db backup” on the server.</source>
        <translation>服务器数据库用 {0} 备份，但本机没有安装它。请安装 PostgreSQL 客户端工具，或在服务器上运行“interviewdesk db backup”。</translation>
    </message>
    <message>
        <source>pg_dump on this computer is version {0}, older than the server (version {1}); it cannot back it up. Install the client tools of the server&apos;s version.</source>
        <translation>本机的 pg_dump 版本为 {0}，低于服务器（版本 {1}），无法备份。请安装与服务器版本一致的客户端工具。</translation>
    </message>
    <message>
        <source>Please correct the following:</source>
        <translation>请修改以下内容：</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the file is damaged; restore from backup.</source>
        <translation>口令错误，或数据库文件已损坏；请从备份恢复。</translation>
    </message>
    <message>
        <source>The key file next to the database ({0}) is missing. Restore it from the backup together with the database.</source>
        <translation>数据库旁的密钥文件（{0}）缺失。请从备份中将它与数据库一起恢复。</translation>
    </message>
    <message>
        <source>No database at this location. Create one with “interviewdesk init” or in the first-run dialog.</source>
        <translation>此位置没有数据库。请用“interviewdesk init”或首次运行向导创建。</translation>
    </message>
    <message>
        <source>A database already exists there; nothing was changed.</source>
        <translation>该位置已存在数据库；未做任何更改。</translation>
    </message>
    <message>
        <source>The database file is on a network share. SQLite files on network shares get corrupted, so this is refused. For several HR officers, use server (LAN) mode: interviewdesk --db-url postgresql://server/database …</source>
        <translation>数据库文件位于网络共享上。网络共享上的 SQLite 文件容易损坏，因此拒绝使用。多名人事专员共用时，请使用服务器（局域网）模式：interviewdesk --db-url postgresql://服务器/数据库 …</translation>
    </message>
    <message>
        <source>The database server did not answer. Check the address, the network and that the server is running.</source>
        <translation>数据库服务器无响应。请检查地址、网络以及服务器是否在运行。</translation>
    </message>
    <message>
        <source>This database was written by a newer version of InterviewDesk. Install that version; nothing was changed.</source>
        <translation>此数据库由更新版本的面试协同台写入。请安装该版本；未做任何更改。</translation>
    </message>
    <message>
        <source>The backup failed its checks ({0}); nothing was replaced.</source>
        <translation>备份未通过校验（{0}）；未替换任何内容。</translation>
    </message>
    <message>
        <source>A file of that name already exists; backups never overwrite. Choose another name or folder.</source>
        <translation>同名文件已存在；备份从不覆盖已有文件。请换一个文件名或文件夹。</translation>
    </message>
    <message>
        <source>The backup could not be written (is the disk full or the folder read-only?); nothing was left behind.</source>
        <translation>无法写入备份（磁盘是否已满，或文件夹为只读？）；未留下任何文件。</translation>
    </message>
    <message>
        <source>Server databases are backed up on the server with pg_dump.</source>
        <translation>服务器数据库请在服务器上用 pg_dump 备份。</translation>
    </message>
    <message>
        <source>Another desktop is writing a backup of this database right now. Wait a few minutes and look at the list of backups again.</source>
        <translation>另一台电脑正在备份此数据库。请几分钟后再查看备份列表。</translation>
    </message>
    <message>
        <source>Someone else saved this record in the meantime. Your changes were not saved; reload the record and make them again.</source>
        <translation>在此期间其他人已保存了这条记录。您的修改未保存；请重新加载记录后再修改。</translation>
    </message>
    <message>
        <source>This candidate already has an open application for this position (stage “{0}”); change its stage instead.</source>
        <translation>该候选人已应聘此岗位且应聘尚未结束（阶段“{0}”），请变更其阶段，不要重复应聘。</translation>
    </message>
    <message>
        <source>{0} is already in use.</source>
        <translation>{0}已被使用。</translation>
    </message>
    <message>
        <source>This record already exists.</source>
        <translation>该记录已存在。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Submit your own scorecard first; the panel&apos;s scores are shown to you after that.</source>
        <translation>请先提交您自己的评分表；提交后才能看到面试小组其他成员的评分。</translation>
    </message>
    <message>
        <source>You do not have permission for this action.</source>
        <translation>您没有执行此操作的权限。</translation>
    </message>
    <message>
        <source>Wrong user name or password. {0} attempt(s) left before the account is locked.</source>
        <translation>用户名或密码错误。再错 {0} 次账户将被锁定。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed attempts: the account is locked. Try again later or ask the administrator to unlock it.</source>
        <translation>失败次数过多，账户已锁定。请稍后再试，或联系系统管理员解锁。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask the administrator.</source>
        <translation>此账户已停用。请联系系统管理员。</translation>
    </message>
    <message>
        <source>Too weak: use at least two kinds of characters (letters, digits, symbols).</source>
        <translation>强度不足：请至少使用两类字符（字母、数字、符号）。</translation>
    </message>
    <message>
        <source>Too short: use at least {0} characters.</source>
        <translation>太短：请至少使用 {0} 个字符。</translation>
    </message>
    <message>
        <source>Unknown setting: {0}</source>
        <translation>未知的设置项：{0}</translation>
    </message>
    <message>
        <source>{0}: choose one of {1}.</source>
        <translation>{0}：请从 {1} 中选择。</translation>
    </message>
    <message>
        <source>{0}: the value is out of range (limit {1}).</source>
        <translation>{0}：取值超出范围（限值 {1}）。</translation>
    </message>
    <message>
        <source>{0} is stored in the database; open the database first.</source>
        <translation>{0} 保存在数据库中；请先打开数据库。</translation>
    </message>
    <message>
        <source>The settings file could not be read: {0}</source>
        <translation>无法读取设置文件：{0}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>yes or no (true/false)</source>
        <translation>是或否（true/false）</translation>
    </message>
    <message>
        <source>{0}: the value must be {1}.</source>
        <translation>{0}：值必须是{1}。</translation>
    </message>
    <message>
        <source>a single text</source>
        <translation>一段文字</translation>
    </message>
    <message>
        <source>{0}: the value is too long (at most {1} characters).</source>
        <translation>{0}：值过长（最多 {1} 个字符）。</translation>
    </message>
    <message>
        <source>{0}: the value contains control or invisible characters (such as line breaks, zero-width or direction marks).</source>
        <translation>{0}：值含有控制字符或不可见字符（如换行、零宽字符或文字方向控制符）。</translation>
    </message>
    <message>
        <source>{0}: the value contains broken characters that cannot be stored; type it again.</source>
        <translation>{0}：值含有无法保存的损坏字符，请重新输入。</translation>
    </message>
    <message>
        <source>{0}: give a mobile number or a landline with area code, e.g. 010-12345678 or 0571-8765432-123; separate several with commas.</source>
        <translation>{0}：请填写手机号码或带区号的座机号码，例如 010-12345678 或 0571-8765432-123；多个号码用逗号分隔。</translation>
    </message>
    <message>
        <source>{0} belongs to the other part of the settings file (“machine” or “institution”).</source>
        <translation>{0} 属于设置文件的另一部分（“machine”或“institution”）。</translation>
    </message>
    <message>
        <source>{0}: the value has the wrong format.</source>
        <translation>{0}：取值格式不正确。</translation>
    </message>
    <message>
        <source>The institution&apos;s signing certificate cannot be used: {0} Nothing was issued.</source>
        <translation>单位签名证书无法使用：{0}合同未签发。</translation>
    </message>
    <message>
        <source>There are conflicts. Give a reason to book anyway, or choose another time:</source>
        <translation>存在以下冲突。如仍要安排，请填写忽略冲突的理由；或另选时间：</translation>
    </message>
    <message>
        <source>There are conflicts that cannot be overridden. Choose another time or room:</source>
        <translation>存在不可忽略的冲突，请另选时间或会议室：</translation>
    </message>
    <message>
        <source>You have searched by phone number, e-mail or ID number {0} times in the last {1} minutes, the most allowed. Search by name, or try again later.</source>
        <translation>您在最近 {1} 分钟内已按手机号、邮箱或身份证号搜索 {0} 次，已达上限。请按姓名搜索，或稍后再试。</translation>
    </message>
    <message>
        <source>Searching by phone number, e-mail or ID number is only for roles that may see them. Search by name instead.</source>
        <translation>只有有权查看手机号、邮箱和身份证号的角色才能按这些信息搜索。请按姓名搜索。</translation>
    </message>
    <message>
        <source>Someone else has already dealt with this request. The list shows where it stands now.</source>
        <translation>该申请已被他人处理，列表已刷新为最新状态。</translation>
    </message>
    <message>
        <source>A change of this interview is already awaiting approval; wait until it is decided.</source>
        <translation>这场面试已有一项变更申请正在审批，请待其办结后再申请。</translation>
    </message>
    <message>
        <source>The amount of “{0}” in the salary structure is still open; fill it in before submitting the offer.</source>
        <translation>薪酬结构中“{0}”的金额尚未填写；请填写后再提交录用审批。</translation>
    </message>
    <message>
        <source>This is the only active default template: positions without a post type of their own need it. Make another default first; nothing was changed.</source>
        <translation>这是唯一启用的默认模板：未设岗位类别的岗位需要它。请先设置另一个默认模板；未做任何更改。</translation>
    </message>
    <message>
        <source>The candidate has already checked in.</source>
        <translation>候选人已经签到。</translation>
    </message>
    <message>
        <source>The position&apos;s headcount is filled: {0} of {1} already hired. Raise the headcount of the position first.</source>
        <translation>该岗位招聘人数已满：已录用 {0} 人，共招聘 {1} 人。如需增加，请先修改岗位的招聘人数。</translation>
    </message>
    <message>
        <source>{0} interview(s) are still booked for this application. Say whether to keep them or to cancel them.</source>
        <translation>该应聘仍有 {0} 场已安排的面试。请选择保留还是取消。</translation>
    </message>
    <message>
        <source>This question has already been answered; the list shows the answer.</source>
        <translation>该提问已有人答复，可在列表中查看答复内容。</translation>
    </message>
    <message>
        <source>The candidate is not checked in; there is nothing to undo.</source>
        <translation>候选人尚未签到，无需撤销。</translation>
    </message>
    <message>
        <source>This is not possible while the interview is “{0}”.</source>
        <translation>面试处于“{0}”状态，无法进行此操作。</translation>
    </message>
    <message>
        <source>You proposed this purge yourself. Removing personal data takes two people: another approver must decide it.</source>
        <translation>此清除是您本人提议的。删除个人信息须由两人完成：请由另一位审批人决定。</translation>
    </message>
    <message>
        <source>The calendar reply was not sent by the interview&apos;s candidate; it was not recorded.</source>
        <translation>该日历回复不是本场面试的候选人发出的，未予记录。</translation>
    </message>
    <message>
        <source>The calendar reply belongs to no interview in InterviewDesk; it was not recorded.</source>
        <translation>该日历回复不属于面试协同台中的任何面试，未予记录。</translation>
    </message>
    <message>
        <source>{0}: the chosen record no longer exists (someone may have deleted it). Choose again; nothing was saved.</source>
        <translation>{0}：所选记录已不存在（可能已被他人删除）。请重新选择；未保存任何内容。</translation>
    </message>
    <message>
        <source>A record this refers to (such as the department) no longer exists. Choose again; nothing was saved.</source>
        <translation>所引用的记录（如部门）已不存在。请重新选择；未保存任何内容。</translation>
    </message>
    <message>
        <source>This record is still used by other records and cannot be deleted; nothing was changed.</source>
        <translation>该记录仍被其他记录使用，不能删除；未做任何更改。</translation>
    </message>
    <message>
        <source>A required value is missing or not allowed; nothing was saved.</source>
        <translation>缺少必填值或值不被允许；未保存任何内容。</translation>
    </message>
    <message>
        <source>The operation failed ({0}).</source>
        <translation>操作失败（{0}）。</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Your data is safe; details can be copied for the IT office.</source>
        <translation>发生了意外错误。您的数据是安全的；可复制详细信息发给信息科。</translation>
    </message>
</context>
<context>
    <name>MyInterviewsPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>My interviews</source>
        <translation>我的面试</translation>
    </message>
    <message>
        <source>No interviews for you today or in the next {0} days.</source>
        <translation>今天及未来 {0} 天内没有您参加的面试。</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>显示更多</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>共 %n 场面试</numerusform>
        </translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Not opened yet in this version</source>
        <translation>尚未查看当前版本</translation>
    </message>
</context>
<context>
    <name>NoticeButton</name>
    <message>
        <source>My notices ({0})</source>
        <translation>我的通知 ({0})</translation>
    </message>
    <message>
        <source>My notices</source>
        <translation>我的通知</translation>
    </message>
    <message>
        <source>My notices: {0} unread</source>
        <translation>我的通知：{0} 条未读</translation>
    </message>
    <message>
        <source>My notices: none unread</source>
        <translation>我的通知：没有未读</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>My notices</source>
        <translation>我的通知</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Show in schedule</source>
        <translation>在日程中查看</translation>
    </message>
    <message>
        <source>Mark all as read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>{0} notices, {1} unread</source>
        <translation>共 {0} 条通知，{1} 条未读</translation>
    </message>
    <message>
        <source>No notices yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <source>Open in My interviews</source>
        <translation>在我的面试中打开</translation>
    </message>
</context>
<context>
    <name>OfferApprovals</name>
    <message>
        <source>No offer is waiting for your decision.</source>
        <translation>没有待您审批的录用通知。</translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) waiting for you</source>
        <translation>
            <numerusform>%n 份录用通知待您审批</numerusform>
        </translation>
    </message>
    <message>
        <source>Offer #{0} sent back to HR for revision.</source>
        <translation>录用通知 #{0} 已退回人事修改。</translation>
    </message>
    <message>
        <source>Offer #{0} approved; it is being sent to the candidate.</source>
        <translation>录用通知 #{0} 已审批通过，正在发送给候选人。</translation>
    </message>
    <message>
        <source>Offer #{0} approved; it moves on to the next step.</source>
        <translation>录用通知 #{0} 已同意，转入下一审批环节。</translation>
    </message>
    <message>
        <source>This offer is no longer waiting for approval; the list is refreshed.</source>
        <translation>该录用通知已不在待审批状态，列表已刷新。</translation>
    </message>
    <message>
        <source>The offer&apos;s reply deadline has passed; HR must set a new one before it can be sent.</source>
        <translation>该录用通知的答复截止时间已过，需由人事重新设定后才能发出。</translation>
    </message>
</context>
<context>
    <name>OfferDecisionPanel</name>
    <message>
        <source>Select an offer to decide on it.</source>
        <translation>请选择一份录用通知进行审批。</translation>
    </message>
    <message>
        <source>Salary item</source>
        <translation>薪酬项目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Decisions so far</source>
        <translation>已有签批</translation>
    </message>
    <message>
        <source>Comment (required to send back)</source>
        <translation>意见（退回时必填）</translation>
    </message>
    <message>
        <source>Salary structure</source>
        <translation>薪酬结构</translation>
    </message>
    <message>
        <source>Offer: {0} · {1} (#{2})</source>
        <translation>录用通知：{0} · {1}（#{2}）</translation>
    </message>
    <message>
        <source>due {0}</source>
        <translation>{0} 前处理</translation>
    </message>
    <message>
        <source>step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
    <message>
        <source>Start date: {0}</source>
        <translation>报到日期：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Probation: %n month(s)</source>
        <translation>
            <numerusform>试用期：%n 个月</numerusform>
        </translation>
    </message>
    <message>
        <source>Work place: {0}</source>
        <translation>工作地点：{0}</translation>
    </message>
    <message>
        <source>Reply by: {0}</source>
        <translation>答复截止：{0}</translation>
    </message>
    <message>
        <source>Submitted by {0} on {1}</source>
        <translation>由 {0} 于 {1} 提交</translation>
    </message>
    <message>
        <source>You decide on behalf of {0}, who is away.</source>
        <translation>{0} 不在岗，由您代为审批。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>{0}: {1} (#{2})</source>
        <translation>{0}：{1}（#{2}）</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
</context>
<context>
    <name>OfferDialog</name>
    <message>
        <source>Offer</source>
        <translation>录用通知</translation>
    </message>
    <message>
        <source>Edit offer</source>
        <translation>修改录用通知</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>e.g. 专业技术岗位 十级</source>
        <translation>如：专业技术岗位 十级</translation>
    </message>
    <message>
        <source>Submit for approval after saving</source>
        <translation>保存后提交审批</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>Offer template</source>
        <translation>录用模板</translation>
    </message>
    <message>
        <source>Salary structure *</source>
        <translation>薪酬结构 *</translation>
    </message>
    <message>
        <source>Post grade</source>
        <translation>岗位等级</translation>
    </message>
    <message>
        <source>Start date *</source>
        <translation>报到日期 *</translation>
    </message>
    <message>
        <source>Probation</source>
        <translation>试用期</translation>
    </message>
    <message>
        <source>Work place *</source>
        <translation>工作地点 *</translation>
    </message>
    <message>
        <source>Reply by *</source>
        <translation>答复期限 *</translation>
    </message>
    <message>
        <source>The offer goes to the candidate by mail (with the letter as PDF) once the approval chain for offers has approved it; without such a chain it goes out at once.</source>
        <translation>录用审批链批准后，录用通知（附 PDF 录用函）即通过邮件发给候选人；未设置录用审批链时立即发出。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Filled from “{0}”; the position&apos;s post type: {1}.</source>
        <translation>已按“{0}”填写；岗位类别：{1}。</translation>
    </message>
    <message>
        <source>Another template refills only the fields you have not changed.</source>
        <translation>换用其他模板只会重填您未改动的项目。</translation>
    </message>
    <message>
        <source>Decision: {0}</source>
        <translation>面试结论：{0}</translation>
    </message>
    <message>
        <source>{0}: no amount yet for {1}; fill in the amounts the template leaves open.</source>
        <translation>{0}：{1}尚无金额；请填写模板留空的金额。</translation>
    </message>
</context>
<context>
    <name>OfferInboxModel</name>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
</context>
<context>
    <name>OfferSection</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Awaiting approval (step {0})</source>
        <translation>审批中（第 {0} 步）</translation>
    </message>
    <message>
        <source>Sent, reply by {0}</source>
        <translation>已发出，答复期限 {0}</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Expired without an answer</source>
        <translation>逾期未答复，已过期</translation>
    </message>
    <message>
        <source>Approval of the offer</source>
        <translation>录用审批记录</translation>
    </message>
    <message>
        <source>Offer…</source>
        <translation>录用通知…</translation>
    </message>
    <message>
        <source>Record answer…</source>
        <translation>记录答复…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Issue labour contract…</source>
        <translation>签发劳动合同…</translation>
    </message>
    <message>
        <source>Attach signed copy…</source>
        <translation>上传签字件…</translation>
    </message>
    <message>
        <source>View contract</source>
        <translation>查看合同</translation>
    </message>
    <message>
        <source>Offer: none yet.</source>
        <translation>录用通知：暂无。</translation>
    </message>
    <message>
        <source>Offer: {0}</source>
        <translation>录用通知：{0}</translation>
    </message>
    <message>
        <source>signed by the candidate {0}</source>
        <translation>候选人已签字 {0}</translation>
    </message>
    <message>
        <source>awaiting the candidate&apos;s signature</source>
        <translation>待候选人签字</translation>
    </message>
    <message>
        <source>Labour contract {0}: issued {1}, {2}</source>
        <translation>劳动合同 {0}：签发于 {1}，{2}</translation>
    </message>
</context>
<context>
    <name>OfferSteps</name>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>By</source>
        <translation>签批人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>OfferTemplateSettings</name>
    <message>
        <source>New template</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <source>Default (positions without a template of their type)</source>
        <translation>默认（岗位类别无专用模板时使用）</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Empty: the institution&apos;s address (Settings → Labour contracts)</source>
        <translation>留空：使用单位地址（设置 → 劳动合同）</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Probation</source>
        <translation>试用期</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Start after</source>
        <translation>报到时间</translation>
    </message>
    <message>
        <source>Empty: the standard letter text</source>
        <translation>留空：使用标准通知书正文</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Template name *</source>
        <translation>模板名称 *</translation>
    </message>
    <message>
        <source>Post type</source>
        <translation>岗位类别</translation>
    </message>
    <message>
        <source>Salary structure *</source>
        <translation>薪酬结构 *</translation>
    </message>
    <message>
        <source>Work place</source>
        <translation>工作地点</translation>
    </message>
    <message>
        <source>Letter text</source>
        <translation>通知书正文</translation>
    </message>
    <message>
        <source>One paragraph per line, after the title and the greeting; the salary table and how to answer follow the text. Fields: {0}</source>
        <translation>每行一段，排在标题和称呼之后；正文之后附薪酬表和答复方式。可用字段：{0}</translation>
    </message>
    <message>
        <source>A position&apos;s post type chooses the template its offers start from; without one of its type, the default. Leave an amount empty for HR to fill in for each person; offers already made keep their values and letter text.</source>
        <translation>岗位的岗位类别决定录用通知从哪个模板开始填写；该类别没有模板时使用默认模板。金额留空由人事专员逐人填写；已做的录用通知保留原有内容和正文。</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Shipped template, saved when first changed</source>
        <translation>系统预置模板，首次修改时保存</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用中</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
</context>
<context>
    <name>OsUnlockSettings</name>
    <message>
        <source>Checking this computer&apos;s key store…</source>
        <translation>正在检查本机密钥存储…</translation>
    </message>
    <message>
        <source>Turn on for this computer</source>
        <translation>在本机开启</translation>
    </message>
    <message>
        <source>Turn off and remove the key slot</source>
        <translation>关闭并删除本机密钥槽</translation>
    </message>
    <message>
        <source>Open the database without the passphrase</source>
        <translation>免口令打开数据库</translation>
    </message>
    <message>
        <source>When this is on, InterviewDesk opens the database on this computer with a key that the operating system protects (Windows: for every Windows user of this computer; Linux: in the system keyring), and everyone signs in with their own user name and password only. The database passphrase and the recovery key are still needed on another computer, or when the key slot cannot be opened.</source>
        <translation>开启后，面试协同台在本机使用由操作系统保护的密钥打开数据库（Windows：本机所有 Windows 用户均可使用；Linux：保存在系统密钥环中），每个人只需用自己的用户名和密码登录。在其他电脑上，或本机密钥槽无法打开时，仍需数据库口令或恢复密钥。</translation>
    </message>
    <message>
        <source>Windows data protection (DPAPI)</source>
        <translation>Windows 数据保护（DPAPI）</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>On: this computer opens the database with {0}; nobody is asked for the passphrase.</source>
        <translation>已开启：本机通过 {0} 打开数据库，不再询问口令。</translation>
    </message>
    <message>
        <source>Off: the database passphrase is asked at every start.</source>
        <translation>已关闭：每次启动都需输入数据库口令。</translation>
    </message>
    <message>
        <source>Off.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <source>Turned on. From the next start nobody is asked for the passphrase on this computer.</source>
        <translation>已开启。从下次启动起，本机不再询问口令。</translation>
    </message>
    <message>
        <source>Turned off and the key slot removed. The passphrase is asked at the next start.</source>
        <translation>已关闭并删除本机密钥槽。下次启动时需输入口令。</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>Candidate&apos;s name</source>
        <translation>候选人姓名</translation>
    </message>
    <message>
        <source>Open message</source>
        <translation>查看内容</translation>
    </message>
    <message>
        <source>Shows exactly what this message says, as its recipient sees it (also by double-clicking the row).</source>
        <translation>按收件人看到的样子显示该消息的全部内容（也可双击该行）。</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Cancel sending</source>
        <translation>取消发送</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>共 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1} waiting</source>
        <translation>{0}：{1} 条等待</translation>
    </message>
    <message>
        <source>Not set up yet, so these wait until an administrator configures them in Settings: {0}</source>
        <translation>以下渠道尚未配置，相关消息将等待管理员在“设置”中配置后再发送：{0}</translation>
    </message>
    <message>
        <source>Last error: {0}</source>
        <translation>最近错误：{0}</translation>
    </message>
    <message>
        <source>Message #{0} will be sent again.</source>
        <translation>消息 #{0} 将重新发送。</translation>
    </message>
    <message>
        <source>Message #{0} is cancelled.</source>
        <translation>消息 #{0} 已取消发送。</translation>
    </message>
    <message>
        <source>The message changed meanwhile; the list shows its current state.</source>
        <translation>该消息的状态已发生变化，列表已显示其最新状态。</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Interview time</source>
        <translation>面试时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Sent / next attempt</source>
        <translation>发送时间 / 下次尝试</translation>
    </message>
</context>
<context>
    <name>PackagesPage</name>
    <message>
        <source>Search by destination, department or digest</source>
        <translation>按保存位置、部门或摘要搜索</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>导出档案包…</translation>
    </message>
    <message>
        <source>Verify package…</source>
        <translation>校验档案包…</translation>
    </message>
    <message>
        <source>Archive packages</source>
        <translation>档案包</translation>
    </message>
    <message>
        <source>Each export is a folder or .zip file with the dossiers, their metadata, the signed decisions, the signers&apos; public keys and a manifest of SHA-256 digests. The package digest is the SHA-256 of its manifest: compare it with the register to know a package is the one exported.</source>
        <translation>每次导出是一个文件夹或 .zip 文件，包含面试档案、元数据、签批、签批人公钥和 SHA-256 摘要清单。整包摘要即清单的 SHA-256：与登记核对，即可确认档案包就是当时导出的那一个。</translation>
    </message>
    <message numerus="yes">
        <source>%n export(s)</source>
        <translation>
            <numerusform>%n 次导出</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PayTable</name>
    <message>
        <source>Part</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>PendingTableModel</name>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
</context>
<context>
    <name>PeriodInput</name>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>{0} (default: {1})</source>
        <translation>{0}（默认：{1}）</translation>
    </message>
</context>
<context>
    <name>PositionDetailPanel</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Select a position to see the details.</source>
        <translation>请在左侧选择一个岗位查看详情。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>岗位编号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>用人部门</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Post type</source>
        <translation>岗位类别</translation>
    </message>
    <message>
        <source>Minimum education</source>
        <translation>学历要求</translation>
    </message>
    <message>
        <source>Minimum years</source>
        <translation>工作年限要求</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能要求</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>招聘期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>岗位说明</translation>
    </message>
    <message>
        <source>Interview rounds</source>
        <translation>面试轮次</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <source>Room settings of the rounds…</source>
        <translation>各轮面试间设置…</translation>
    </message>
    <message>
        <source>Planned duration, closing checklist and the candidate&apos;s questions of each round</source>
        <translation>每一轮的计划时长、收尾清单和候选人提问数</translation>
    </message>
    <message>
        <source>Applicants per stage</source>
        <translation>各阶段应聘人数</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
</context>
<context>
    <name>PositionForm</name>
    <message>
        <source>Edit position</source>
        <translation>编辑岗位</translation>
    </message>
    <message>
        <source>New position</source>
        <translation>新建岗位</translation>
    </message>
    <message>
        <source>Code *</source>
        <translation>岗位编号 *</translation>
    </message>
    <message>
        <source>e.g. HR-2026-01</source>
        <translation>例如 HR-2026-01</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>岗位名称 *</translation>
    </message>
    <message>
        <source>Department *</source>
        <translation>用人部门 *</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Post type</source>
        <translation>岗位类别</translation>
    </message>
    <message>
        <source>Not set (default offer template)</source>
        <translation>未设置（使用默认录用模板）</translation>
    </message>
    <message>
        <source>Chooses the offer template (Settings → Offer templates)</source>
        <translation>决定录用通知使用的模板（设置 → 录用模板）</translation>
    </message>
    <message>
        <source>Minimum education</source>
        <translation>学历要求</translation>
    </message>
    <message>
        <source>Minimum years of experience</source>
        <translation>工作年限要求</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能要求</translation>
    </message>
    <message>
        <source>Separate with commas, e.g. 人事管理, 公文写作</source>
        <translation>用逗号分隔，例如：人事管理，公文写作</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>岗位说明</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opening date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位信息</translation>
    </message>
    <message>
        <source>Match requirements</source>
        <translation>匹配要求</translation>
    </message>
</context>
<context>
    <name>PositionTableModel</name>
    <message>
        <source>Code</source>
        <translation>岗位编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>岗位名称</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>用人部门</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历要求</translation>
    </message>
    <message>
        <source>Min. years</source>
        <translation>年限要求</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closes on</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>应聘人数</translation>
    </message>
</context>
<context>
    <name>PositionsPage</name>
    <message>
        <source>Search by code or title</source>
        <translation>按岗位编号或名称搜索</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>New position</source>
        <translation>新建岗位</translation>
    </message>
    <message numerus="yes">
        <source>%n position(s)</source>
        <translation>
            <numerusform>共 %n 个岗位</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreparationView</name>
    <message>
        <source>Pick an interview on the left to prepare for it.</source>
        <translation>请在左侧选择一场面试，查看准备信息。</translation>
    </message>
    <message>
        <source>Show in schedule</source>
        <translation>在日程中显示</translation>
    </message>
    <message>
        <source>Open video link</source>
        <translation>打开视频链接</translation>
    </message>
    <message>
        <source>Copy video link</source>
        <translation>复制视频链接</translation>
    </message>
    <message>
        <source>Enter interview room</source>
        <translation>进入面试间</translation>
    </message>
    <message>
        <source>The timer, closing checklist, notes and closing scripts of the running interview, in a window of its own</source>
        <translation>在单独的窗口中进行面试：计时、收尾清单、面试记录和收尾话术</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Score the candidate on the round&apos;s criteria; the draft is saved as you type</source>
        <translation>按本轮的评分项给候选人评分；填写时草稿自动保存</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>评分校准</translation>
    </message>
    <message>
        <source>The panel&apos;s scores side by side (for interviewers once their own scorecard is submitted)</source>
        <translation>并列查看面试小组的评分（面试官须先提交自己的评分表）</translation>
    </message>
    <message>
        <source>Time and place</source>
        <translation>时间与地点</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Planned duration</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>视频链接</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>面试小组</translation>
    </message>
    <message>
        <source>My role</source>
        <translation>我的角色</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>工作经历</translation>
    </message>
    <message>
        <source>Résumé summary</source>
        <translation>简历摘要</translation>
    </message>
    <message>
        <source>Further details</source>
        <translation>其他信息</translation>
    </message>
    <message>
        <source>Your roles may not see this department&apos;s candidate profiles; ask HR if you need them to prepare.</source>
        <translation>您的角色无权查看该部门候选人的简历信息；如准备面试需要，请联系人事专员。</translation>
    </message>
    <message>
        <source>Position requirements</source>
        <translation>岗位要求</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Minimum years</source>
        <translation>最低工作年限</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>岗位说明</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求项</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>No weighted requirements recorded for this position.</source>
        <translation>该岗位尚未录入带权重的结构化要求。</translation>
    </message>
    <message>
        <source>Match report</source>
        <translation>匹配报告</translation>
    </message>
    <message>
        <source>Earlier rounds</source>
        <translation>前几轮面试</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>booked: {0}</source>
        <translation>实际预约 {0}</translation>
    </message>
    <message>
        <source>Not on the panel</source>
        <translation>不在面试小组中</translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n 年</numerusform>
        </translation>
    </message>
    <message>
        <source>None submitted</source>
        <translation>尚无已提交的评价</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>不显示</translation>
    </message>
    <message>
        <source>This is the candidate&apos;s first round for this position.</source>
        <translation>这是该候选人应聘此岗位的第一轮面试。</translation>
    </message>
    <message>
        <source>Your institution does not show earlier rounds&apos; results here (Settings → Institution).</source>
        <translation>本单位设置为不在此显示前几轮结果（设置 → 单位设置）。</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
</context>
<context>
    <name>PrivacyRequestsPage</name>
    <message>
        <source>Open requests</source>
        <translation>待办请求</translation>
    </message>
    <message>
        <source>Answered and closed</source>
        <translation>已答复与已关闭</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>Record request…</source>
        <translation>登记请求…</translation>
    </message>
    <message>
        <source>Personal-data requests</source>
        <translation>个人信息请求</translation>
    </message>
    <message>
        <source>No personal-data request is open.</source>
        <translation>没有待办的个人信息请求。</translation>
    </message>
    <message>
        <source>Hand to someone else…</source>
        <translation>转交他人…</translation>
    </message>
    <message>
        <source>Close without answer…</source>
        <translation>不答复并关闭…</translation>
    </message>
    <message>
        <source>Handle and answer…</source>
        <translation>办理并答复…</translation>
    </message>
    <message>
        <source>A candidate may ask to see, correct or delete their data, to restrict its processing or to leave the talent pool (PIPL). The answer is due within the deadline and goes by the channel recorded.</source>
        <translation>候选人可依照个人信息保护法请求查阅复制、更正、删除其个人信息，限制处理，或撤回同意退出人才库。须在期限内按登记的方式答复。</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n 项请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>No answered or closed request yet.</source>
        <translation>尚无已答复或已关闭的请求。</translation>
    </message>
    <message>
        <source>How it came</source>
        <translation>提出方式</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>请求内容</translation>
    </message>
    <message>
        <source>Corrections asked for</source>
        <translation>请求更正</translation>
    </message>
    <message>
        <source>Processing restricted until</source>
        <translation>限制处理至</translation>
    </message>
    <message>
        <source>Copy exported</source>
        <translation>副本导出时间</translation>
    </message>
    <message>
        <source>The request is recorded; its deadline is set.</source>
        <translation>请求已登记，答复期限已确定。</translation>
    </message>
    <message>
        <source>Done ({0}); the answer goes to the candidate by {1}.</source>
        <translation>已办理（{0}）；答复将通过{1}发送给候选人。</translation>
    </message>
    <message>
        <source>Done ({0}); the candidate has no address on that channel any more, so please give them the answer yourself.</source>
        <translation>已办理（{0}）；候选人已无该方式的联系地址，请自行告知答复。</translation>
    </message>
    <message>
        <source>The request has a new owner.</source>
        <translation>请求已转交新的负责人。</translation>
    </message>
    <message>
        <source>The request is closed.</source>
        <translation>请求已关闭。</translation>
    </message>
</context>
<context>
    <name>ProposeRow</name>
    <message>
        <source>Reason for the approvers (required)</source>
        <translation>给审批人的理由（必填）</translation>
    </message>
    <message>
        <source>Proposed: request {0}. It now waits for the personnel office in their Approvals inbox.</source>
        <translation>已提议：申请 {0}。现等待人事处在其审批中处理。</translation>
    </message>
</context>
<context>
    <name>PurgeApprovals</name>
    <message>
        <source>No purge request is waiting for your decision.</source>
        <translation>没有等待您审批的清除申请。</translation>
    </message>
    <message numerus="yes">
        <source>%n purge request(s) waiting for you</source>
        <translation>
            <numerusform>%n 份清除申请待您审批</numerusform>
        </translation>
    </message>
    <message>
        <source>Purge request #{0} rejected.</source>
        <translation>清除申请 #{0} 已驳回。</translation>
    </message>
    <message>
        <source>Purge request #{0} approved; it moves on to the next step.</source>
        <translation>清除申请 #{0} 已批准，转入下一环节。</translation>
    </message>
    <message numerus="yes">
        <source>Purge request #{0} carried out: %n person(s) purged</source>
        <translation>
            <numerusform>清除申请 #{0} 已执行：清除 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n skipped (no longer due)</source>
        <translation>
            <numerusform>；%n 人跳过（已不再到期）</numerusform>
        </translation>
    </message>
    <message>
        <source>; compacting the database…</source>
        <translation>；正在压缩数据库……</translation>
    </message>
    <message>
        <source>; database compacted ({0} → {1}).</source>
        <translation>；数据库已压缩（{0} → {1}）。</translation>
    </message>
</context>
<context>
    <name>PurgeDecisionPanel</name>
    <message>
        <source>Select a purge request to decide on it.</source>
        <translation>请选择一份清除申请进行审批。</translation>
    </message>
    <message>
        <source>Comment (required to reject)</source>
        <translation>意见（驳回时必填）</translation>
    </message>
    <message>
        <source>Purge of personal data: {0} (#{1})</source>
        <translation>个人信息清除：{0}（#{1}）</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>等，另有 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Proposed by {0} on {1}</source>
        <translation>由 {0} 于 {1} 提议</translation>
    </message>
    <message>
        <source>Reason: {0}</source>
        <translation>理由：{0}</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s): {0}</source>
        <translation>
            <numerusform>%n 人：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Approving removes their names, contacts, ID numbers, files and free texts from the live database for good; archived dossiers are kept. Your decision is signed with your key.</source>
        <translation>批准后，将从在用数据库中永久删除其姓名、联系方式、身份证号、文件和文字记录；已归档的档案保留。您的审批以您的个人密钥签名。</translation>
    </message>
    <message>
        <source>Approve purge (#{0})</source>
        <translation>批准清除（#{0}）</translation>
    </message>
    <message>
        <source>Reject (#{0})</source>
        <translation>驳回（#{0}）</translation>
    </message>
</context>
<context>
    <name>PurgeInboxModel</name>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提议人</translation>
    </message>
</context>
<context>
    <name>QuestionSettings</name>
    <message>
        <source>Leader of the position&apos;s department</source>
        <translation>岗位所在部门领导</translation>
    </message>
    <message>
        <source>HR officer of the interview</source>
        <translation>该面试的人事专员</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <source>working hours</source>
        <translation>个工作小时</translation>
    </message>
    <message>
        <source>Answer within</source>
        <translation>答复时限</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Each candidate question goes to the owner of its topic. Working days follow the holiday calendar, including working weekend days. The owner is reminded at half time; at the deadline their superior and HR are told. A round may ask for its own number of questions.</source>
        <translation>候选人的每个提问按类别交给相应负责人答复。工作日按节假日日历计算（含调休上班日）。时限过半时提醒负责人；到期未答复时通知其上级和人事专员。各面试轮次可单独设置提问数量。</translation>
    </message>
    <message>
        <source>Saved. New questions follow these rules.</source>
        <translation>已保存。新的提问将按此规则处理。</translation>
    </message>
</context>
<context>
    <name>QuestionTableModel</name>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>提问时间</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message>
        <source>{0} d {1} h</source>
        <translation>{0} 天 {1} 小时</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} 小时 {1} 分钟</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <source>overdue by {0}</source>
        <translation>已逾期 {0}</translation>
    </message>
    <message>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
    <message>
        <source>in time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Open questions</source>
        <translation>待答复的提问</translation>
    </message>
    <message>
        <source>Answered questions</source>
        <translation>已答复的提问</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>只看我负责的</translation>
    </message>
    <message>
        <source>Candidate questions</source>
        <translation>候选人提问</translation>
    </message>
    <message>
        <source>No questions are waiting for an answer.</source>
        <translation>目前没有待答复的提问。</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>答复…</translation>
    </message>
    <message>
        <source>Hand to someone else…</source>
        <translation>改派…</translation>
    </message>
    <message numerus="yes">
        <source>%n answered question(s)</source>
        <translation>
            <numerusform>已答复 %n 个提问</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open question(s)</source>
        <translation>
            <numerusform>待答复 %n 个提问</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 个已逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>No answered questions yet.</source>
        <translation>还没有已答复的提问。</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answer sent to the candidate by {0}.</source>
        <translation>答复已通过{0}发送给候选人。</translation>
    </message>
    <message>
        <source>Answer saved; the candidate has no e-mail address or mobile number on file, so please tell them yourself.</source>
        <translation>答复已保存；候选人没有登记邮箱或手机号码，请您另行告知。</translation>
    </message>
    <message>
        <source>The question has a new owner.</source>
        <translation>提问已改派给新的负责人。</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Hand the question to someone else</source>
        <translation>改派提问</translation>
    </message>
    <message>
        <source>Hand the request to someone else</source>
        <translation>转交他人办理</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Owner now</source>
        <translation>当前负责人</translation>
    </message>
</context>
<context>
    <name>RecordRequestDialog</name>
    <message>
        <source>Record a personal-data request</source>
        <translation>登记个人信息请求</translation>
    </message>
    <message>
        <source>Candidate&apos;s name</source>
        <translation>候选人姓名</translation>
    </message>
    <message>
        <source>Another deadline:</source>
        <translation>另定期限：</translation>
    </message>
    <message>
        <source>{0} working days after receipt, unless:</source>
        <translation>收到后 {0} 个工作日，或</translation>
    </message>
    <message>
        <source>What the candidate asked for, in your words</source>
        <translation>候选人请求的内容</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求类型</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>How it came</source>
        <translation>提出方式</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>答复方式</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>请求内容</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>（不更正）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Corrections asked for</source>
        <translation>请求更正的内容</translation>
    </message>
    <message>
        <source>No candidate of that name; check the spelling.</source>
        <translation>没有这个姓名的候选人，请检查输入。</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Code</source>
        <translation>岗位编号</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>用人部门</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>面试场次</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Applicants per stage and interviews, per position</source>
        <translation>各岗位各阶段应聘人数及面试场次</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Feedback on time</source>
        <translation>面试反馈及时率</translation>
    </message>
    <message>
        <source>{0} to {1}: {2} decisions, {3} feedback sent within {4} hours, {5} late, {6} not yet due</source>
        <translation>{0} 至 {1}：共 {2} 个面试结论，{4} 小时内发出反馈 {3} 个，逾期 {5} 个，尚未到期 {6} 个</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求类型</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>答复方式</translation>
    </message>
</context>
<context>
    <name>RequestsList</name>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提议人</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提议时间</translation>
    </message>
    <message>
        <source>Carried out</source>
        <translation>执行时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>RequirementsEditor</name>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Skills / keywords</source>
        <translation>技能/关键词</translation>
    </message>
    <message>
        <source>Own field</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>Accepted majors, e.g. 临床医学, 内科学</source>
        <translation>可接受的专业，例如：临床医学，内科学</translation>
    </message>
    <message>
        <source>e.g. 执业医师资格证</source>
        <translation>例如：执业医师资格证</translation>
    </message>
    <message>
        <source>Separate with commas, e.g. Python, 公文写作</source>
        <translation>用逗号分隔，例如：Python，公文写作</translation>
    </message>
    <message>
        <source>Words looked for, e.g. 英语六级</source>
        <translation>要查找的关键词，例如：英语六级</translation>
    </message>
    <message>
        <source>The match report measures every candidate against these requirements. Weight 1–10 says how much each counts; a requirement partly met counts half. Without any, the report uses the minimum education, years and skills of the position.</source>
        <translation>匹配报告按这些要求衡量每位候选人。权重 1–10 表示每项要求的分量；部分符合计一半。未设置时，按岗位的最低学历、工作年限和技能计算。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>What is required</source>
        <translation>具体要求</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Add requirement</source>
        <translation>添加要求</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Required, e.g. 外语水平</source>
        <translation>必填，例如：外语水平</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password of {0}</source>
        <translation>重置 {0} 的密码</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The user chooses a new password at the next login.</source>
        <translation>用户下次登录时须设置新密码。</translation>
    </message>
</context>
<context>
    <name>RetentionSettings</name>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Data maintenance: no contact for</source>
        <translation>数据维护：未联系满</translation>
    </message>
    <message>
        <source>Save retention periods</source>
        <translation>保存保管期限</translation>
    </message>
    <message>
        <source>Retention periods</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>How long a person&apos;s data is kept in the live database, per record class. A person is kept until the latest end of the classes that apply to them; an open application keeps them in any case. People past their period appear under Archive → Retention, where HR proposes a purge and the personnel office approves it. The audit log is kept as a whole.</source>
        <translation>各类记录的个人信息在在用数据库中保存多久。一个人的信息保存到其所属各类别中最晚的届满日；有进行中的应聘时一律保留。期满人员出现在“档案 → 到期清理”中，由人事专员提议清除、人事处审批。审计日志整体保存。</translation>
    </message>
    <message>
        <source>Retention periods saved.</source>
        <translation>保管期限已保存。</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>应聘岗位</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>起算日</translation>
    </message>
    <message>
        <source>Retention ended</source>
        <translation>届满日</translation>
    </message>
    <message>
        <source>Nobody has reached the end of their retention period.</source>
        <translation>没有保管期限届满的人员。</translation>
    </message>
    <message>
        <source>Propose purge ({0})</source>
        <translation>提议清除（{0}）</translation>
    </message>
    <message>
        <source>Withdraw the selected request</source>
        <translation>撤回所选申请</translation>
    </message>
    <message>
        <source>Due for purge</source>
        <translation>到期待清除</translation>
    </message>
    <message>
        <source>Purge requests</source>
        <translation>清除申请</translation>
    </message>
    <message>
        <source>Personal data is kept as long as the retention policy of its record class says (Settings → Retention). A purge removes names, contacts, ID numbers, files and free texts from the live database and leaves a tombstone with counts and dates; archived dossiers are not touched. It takes two people: HR proposes, the personnel office approves.</source>
        <translation>个人信息按其记录类别的保管期限保存（设置 → 保管期限）。清除将从在用数据库中删除姓名、联系方式、身份证号、文件和文字记录，只留下含数量和日期的清除记录；已归档的档案不受影响。清除须两人完成：人事专员提议，人事处审批。</translation>
    </message>
    <message numerus="yes">
        <source>{0} · {1} {2} · %n person(s)</source>
        <translation>
            <numerusform>{0} · {1}（{2}）· %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) past retention</source>
        <translation>
            <numerusform>%n 人保管期限已届满</numerusform>
        </translation>
    </message>
    <message>
        <source>Request #{0} withdrawn.</source>
        <translation>申请 #{0} 已撤回。</translation>
    </message>
</context>
<context>
    <name>RoomBoardPage</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Check-in is possible on the interview&apos;s day only; this board shows another day.</source>
        <translation>只能在面试当天签到；看板当前显示的不是今天。</translation>
    </message>
    <message>
        <source>Room board</source>
        <translation>前台看板</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) expected</source>
        <translation>
            <numerusform>预计到场 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in undone; the candidate is expected again.</source>
        <translation>已撤销签到，候选人恢复为待到场。</translation>
    </message>
    <message>
        <source>Checked in, {0} min late.</source>
        <translation>已签到，迟到 {0} 分钟。</translation>
    </message>
    <message>
        <source>Checked in.</source>
        <translation>已签到。</translation>
    </message>
</context>
<context>
    <name>RoomCard</name>
    <message>
        <source>Nobody expected.</source>
        <translation>当天无安排。</translation>
    </message>
    <message>
        <source>Rescheduled {0} → {1}</source>
        <translation>已改期 {0} → {1}</translation>
    </message>
    <message>
        <source> (was in {0})</source>
        <translation>（原在{0}）</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>撤销签到</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Check-in opens at {0}.</source>
        <translation>{0} 开始可以签到。</translation>
    </message>
    <message>
        <source>Check-in closed at {0}.</source>
        <translation>签到已于 {0} 截止。</translation>
    </message>
</context>
<context>
    <name>RoomCombo</name>
    <message>
        <source>{0} ({1} seats)</source>
        <translation>{0}（{1} 座）</translation>
    </message>
</context>
<context>
    <name>RoomSettings</name>
    <message>
        <source>Save defaults</source>
        <translation>保存默认设置</translation>
    </message>
    <message>
        <source>Save script</source>
        <translation>保存话术</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Closing checklist</source>
        <translation>收尾清单</translation>
    </message>
    <message>
        <source>Candidate&apos;s questions at least</source>
        <translation>候选人提问至少</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Preview on a sample candidate</source>
        <translation>示例候选人预览</translation>
    </message>
    <message>
        <source>Defaults for every round; a position&apos;s round may set its own checklist and number of questions. Leave the checklist empty to use the shipped list in each user&apos;s language; one item a line.</source>
        <translation>适用于所有面试轮次的默认设置；岗位的某一轮可以单独设置收尾清单和提问数。收尾清单每行一项，留空则按各用户的语言使用系统自带清单。</translation>
    </message>
    <message>
        <source>Closing scripts</source>
        <translation>收尾话术</translation>
    </message>
    <message>
        <source>Fields: {0}. A line whose field is empty is left out.</source>
        <translation>可用字段：{0}。某行字段没有内容时，整行不显示。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Shipped text</source>
        <translation>系统默认文本</translation>
    </message>
    <message>
        <source>Edited text</source>
        <translation>已修改的文本</translation>
    </message>
</context>
<context>
    <name>RoundsForm</name>
    <message>
        <source>Interview rounds in the room</source>
        <translation>各轮面试间设置</translation>
    </message>
    <message>
        <source>{0}: planned minutes</source>
        <translation>{0}：计划时长（分钟）</translation>
    </message>
    <message>
        <source>{0}: candidate&apos;s questions</source>
        <translation>{0}：候选人提问数</translation>
    </message>
    <message>
        <source>Institution default</source>
        <translation>单位默认</translation>
    </message>
    <message>
        <source>{0}: closing checklist</source>
        <translation>{0}：收尾清单</translation>
    </message>
    <message>
        <source>One item a line; empty: the institution&apos;s default list</source>
        <translation>每行一项；留空则使用单位默认清单</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <source>via {0}</source>
        <translation>方式：{0}</translation>
    </message>
    <message>
        <source> (for an earlier time)</source>
        <translation>（针对变更前的时间）</translation>
    </message>
    <message>
        <source>{0} min late</source>
        <translation>迟到 {0} 分钟</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>准时</translation>
    </message>
</context>
<context>
    <name>ScheduleCanvas</name>
    <message>
        <source>Proposed by a change request waiting for approval</source>
        <translation>变更申请拟改到此时间，正在审批</translation>
    </message>
    <message>
        <source>Overlaps another interview in this lane</source>
        <translation>与同一行的另一场面试时间重叠</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>(day off)</source>
        <translation>（休息日）</translation>
    </message>
    <message>
        <source>proposed {0}</source>
        <translation>拟改为 {0}</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>Schedule</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>By interviewer</source>
        <translation>按面试官</translation>
    </message>
    <message>
        <source>By room</source>
        <translation>按会议室</translation>
    </message>
    <message>
        <source>Earlier</source>
        <translation>向前</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>向后</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>新建面试</translation>
    </message>
    <message>
        <source>Batch scheduling</source>
        <translation>批量安排</translation>
    </message>
    <message>
        <source>Drag an interview to another time or lane to propose a change.</source>
        <translation>将面试拖到其他时间或其他行，即可提出变更申请。</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>共 %n 场面试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) booked.</source>
        <translation>
            <numerusform>已安排 %n 场面试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applicant(s) did not fit into the day.</source>
        <translation>
            <numerusform>另有 %n 人当天无法安排。</numerusform>
        </translation>
    </message>
    <message>
        <source>Interview booked; the invitations are on their way.</source>
        <translation>面试已预约，邀请正在发送。</translation>
    </message>
</context>
<context>
    <name>ScorecardDialog</name>
    <message>
        <source>Scorecard</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Remarks for HR and the panel (optional)</source>
        <translation>给人事处和面试小组的备注（选填）</translation>
    </message>
    <message>
        <source>Overall recommendation</source>
        <translation>总体推荐</translation>
    </message>
    <message>
        <source>No notes were taken in the interview room.</source>
        <translation>面试间里没有记录笔记。</translation>
    </message>
    <message>
        <source>Interview notes</source>
        <translation>面试笔记</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Submitted — locked</source>
        <translation>已提交，已锁定</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>A score of 3 or less, or 9 or more, needs a comment.</source>
        <translation>评分不高于3分或不低于9分时须填写评语。</translation>
    </message>
    <message>
        <source>Submitting opens when the interview begins ({0}); the draft is kept until then.</source>
        <translation>面试开始后（{0}）方可提交，在此之前草稿会保留。</translation>
    </message>
    <message>
        <source>Weighted total</source>
        <translation>加权总分</translation>
    </message>
    <message>
        <source>Unsaved changes…</source>
        <translation>有未保存的修改…</translation>
    </message>
    <message>
        <source>Submitted at {0}</source>
        <translation>已于 {0} 提交</translation>
    </message>
    <message>
        <source>Draft saved at {0}</source>
        <translation>草稿已保存于 {0}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ScorecardSettings</name>
    <message>
        <source>The candidate&apos;s feedback shows</source>
        <translation>候选人反馈内容</translation>
    </message>
    <message>
        <source>Result sent after the decision (minutes, to allow a correction)</source>
        <translation>结论后延迟发送结果（分钟，便于更正）</translation>
    </message>
    <message>
        <source>Feedback sent within (hours)</source>
        <translation>反馈发送时限（小时）</translation>
    </message>
    <message>
        <source>Scorecards due after the interview (hours)</source>
        <translation>评分表提交时限（面试结束后，小时）</translation>
    </message>
    <message>
        <source>Remind interviewers after (hours)</source>
        <translation>提醒面试官时间（面试结束后，小时）</translation>
    </message>
    <message>
        <source>The result only</source>
        <translation>仅结果</translation>
    </message>
    <message>
        <source>The result and the score of each criterion</source>
        <translation>结果及各评价项得分</translation>
    </message>
    <message>
        <source>The result, the scores and a written summary HR approves</source>
        <translation>结果、各项评分及经人事批准的面试评语</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <source>is too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>is there twice</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 100</source>
        <translation>必须是 1 到 100 的整数</translation>
    </message>
    <message>
        <source>are too long (at most 200 characters each)</source>
        <translation>过长（每项最多 200 字）</translation>
    </message>
    <message>
        <source>are too many (at most 12)</source>
        <translation>过多（最多 12 项）</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>评价项</translation>
    </message>
    <message>
        <source>Weight %</source>
        <translation>权重 %</translation>
    </message>
    <message>
        <source>4 means</source>
        <translation>4 分含义</translation>
    </message>
    <message>
        <source>7 means</source>
        <translation>7 分含义</translation>
    </message>
    <message>
        <source>10 means</source>
        <translation>10 分含义</translation>
    </message>
    <message>
        <source>Add criterion</source>
        <translation>添加评价项</translation>
    </message>
    <message>
        <source>Remove selected criterion</source>
        <translation>删除所选评价项</translation>
    </message>
    <message>
        <source>Decide automatically (without HR&apos;s confirmation)</source>
        <translation>自动决定（无需人事确认）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存评分表</translation>
    </message>
    <message>
        <source>Round kind</source>
        <translation>轮次类型</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>评分表名称</translation>
    </message>
    <message>
        <source>Passed at a weighted average of at least</source>
        <translation>加权平均不低于此分为通过</translation>
    </message>
    <message>
        <source>not passed below</source>
        <translation>低于此分为未通过</translation>
    </message>
    <message>
        <source>The default scorecard of each round kind; a round&apos;s own template, where it has one, comes first. Weights sum to 100 %; scores are 0 to 10. A template already scored on is kept for those scorecards and saving makes the next version.</source>
        <translation>各轮次类型的默认评分表；轮次若有自己的评分表，则以其为准。权重合计 100 %，评分 0 到 10 分。已有人评分的评分表保持不变，保存后生成新版本。</translation>
    </message>
    <message>
        <source>Interview feedback</source>
        <translation>面试反馈</translation>
    </message>
    <message>
        <source>Shipped default, not saved yet</source>
        <translation>出厂默认，尚未保存</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>第 {0} 版</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>what 4, 7 and 10 mean</source>
        <translation>4、7、10 分含义</translation>
    </message>
    <message>
        <source>Criterion {0}, {1}</source>
        <translation>评价项 {0} 的{1}</translation>
    </message>
    <message>
        <source>The weights sum to {0} %; they must sum to 100 %.</source>
        <translation>权重合计为 {0} %，必须合计为 100 %。</translation>
    </message>
    <message>
        <source>The pass mark must not be below the fail mark (both 0 to 10).</source>
        <translation>通过分数不得低于未通过分数（均为 0 到 10）。</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>评价项</translation>
    </message>
</context>
<context>
    <name>ScriptsPanel</name>
    <message>
        <source>Other strengths, comma-separated</source>
        <translation>其他优势，用逗号分隔</translation>
    </message>
    <message>
        <source>Other concerns, comma-separated</source>
        <translation>其他顾虑，用逗号分隔</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>优势</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>顾虑</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>SettingInputs</name>
    <message>
        <source>Set — type to replace</source>
        <translation>已设置（输入新值可替换）</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>单位设置</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Approval chains</source>
        <translation>审批链</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>SMS and OA</source>
        <translation>短信与OA</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Message templates</source>
        <translation>消息模板</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通知渠道</translation>
    </message>
    <message>
        <source>Interview room</source>
        <translation>面试间</translation>
    </message>
    <message>
        <source>Match report</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>After the interview</source>
        <translation>面试后</translation>
    </message>
    <message>
        <source>Candidate questions</source>
        <translation>候选人提问</translation>
    </message>
    <message>
        <source>Scorecards</source>
        <translation>评分表</translation>
    </message>
    <message>
        <source>Labour contracts</source>
        <translation>劳动合同</translation>
    </message>
    <message>
        <source>Contract template</source>
        <translation>合同模板</translation>
    </message>
    <message>
        <source>Offer templates</source>
        <translation>录用模板</translation>
    </message>
    <message>
        <source>Audit anchors</source>
        <translation>审计锚点</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>面试档案</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Your password was not changed. Sign in again and choose your own password.</source>
        <translation>您的密码未修改。请重新登录并设置您自己的密码。</translation>
    </message>
    <message>
        <source>{0} signed out. The next user signs in here.</source>
        <translation>{0} 已注销。请下一位用户在此登录。</translation>
    </message>
</context>
<context>
    <name>Signatures</name>
    <message>
        <source>Signature valid</source>
        <translation>签名有效</translation>
    </message>
    <message>
        <source>Signature invalid</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Signed by {0} with key {1} on {2}. The decision is unchanged since.</source>
        <translation>由 {0} 以密钥 {1} 于 {2} 签名，此后决定未被改动。</translation>
    </message>
    <message>
        <source>Signed by {0} with key {1} on {2}, but the decision as recorded no longer matches the signature: it was changed after signing. Do not rely on it.</source>
        <translation>由 {0} 以密钥 {1} 于 {2} 签名，但现存的审批记录与签名不符：签名后已被改动，请勿采信。</translation>
    </message>
    <message>
        <source>Decided by a reply to the approval mail: such decisions carry no signature.</source>
        <translation>通过回复审批邮件作出的决定，不带签名。</translation>
    </message>
    <message>
        <source>No signature: decided before decisions were signed, or without the approver&apos;s signing key (it is unlocked at sign-in).</source>
        <translation>未签名：该决定作于启用签名之前，或审批人的签名密钥未解锁（密钥在登录时解锁）。</translation>
    </message>
</context>
<context>
    <name>SignedCopyDialog</name>
    <message>
        <source>Attach the signed copy</source>
        <translation>上传签字件</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Signed paper, scanned (PDF or image)</source>
        <translation>纸质签字件扫描（PDF 或图片）</translation>
    </message>
    <message>
        <source>Signature captured on a pad (image)</source>
        <translation>手写板签名（图片）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File *</source>
        <translation>文件 *</translation>
    </message>
    <message>
        <source>Signed copy</source>
        <translation>签字件</translation>
    </message>
    <message>
        <source>PDF or image (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>PDF 或图片 (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>SlotList</name>
    <message>
        <source>No free slot in the next two weeks for everyone taking part.</source>
        <translation>未来两周内没有所有参加人员都空闲的时段。</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>Change stage</source>
        <translation>变更阶段</translation>
    </message>
    <message>
        <source>Kept on the application&apos;s timeline</source>
        <translation>记入应聘记录的时间线</translation>
    </message>
    <message>
        <source>Keep the booked interviews</source>
        <translation>保留已安排的面试</translation>
    </message>
    <message>
        <source>Cancel them (through the approval chain, everyone is told)</source>
        <translation>取消这些面试（经审批链，通知各方）</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘记录</translation>
    </message>
    <message>
        <source>Current stage</source>
        <translation>当前阶段</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Booked interviews</source>
        <translation>已安排的面试</translation>
    </message>
</context>
<context>
    <name>StepsEditor</name>
    <message>
        <source>Kind</source>
        <translation>环节类型</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Escalate to</source>
        <translation>超时转办</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>添加环节</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Role: {0}</source>
        <translation>角色：{0}</translation>
    </message>
    <message>
        <source>Person: {0}</source>
        <translation>人员：{0}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>待办事项</translation>
    </message>
</context>
<context>
    <name>TemplatesPanel</name>
    <message>
        <source>Double-click a field to insert it at the cursor</source>
        <translation>双击字段即可插入到光标处</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>插入字段</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>可用字段</translation>
    </message>
    <message>
        <source>Preview on a sample interview</source>
        <translation>预览（示例面试）</translation>
    </message>
    <message>
        <source>Texts of the messages sent to candidates and staff. Write fields as {field}; unknown fields are refused. Without a saved version, the shipped default text is used.</source>
        <translation>发给候选人和工作人员的消息文本。字段写作 {字段名}，引用未知字段的模板不能保存。未修改的消息使用系统默认文本。</translation>
    </message>
    <message>
        <source>Shipped default text.</source>
        <translation>系统默认文本。</translation>
    </message>
    <message>
        <source>Changed by an administrator on {0}.</source>
        <translation>已由管理员修改（{0}）。</translation>
    </message>
    <message>
        <source>Your unsaved changes are kept; save or reset.</source>
        <translation>您尚未保存的修改已保留，请保存或恢复默认。</translation>
    </message>
    <message>
        <source>Subject: {0}</source>
        <translation>标题：{0}</translation>
    </message>
    <message numerus="yes">
        <source>{0} characters: %n text message(s) (70 characters fit in one, 67 per part when longer)</source>
        <translation>
            <numerusform>{0} 个字，按 %n 条短信计费（70 字以内为一条，超过时每条 67 字）</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>暂无未处理的提醒。</translation>
    </message>
    <message>
        <source>Today&apos;s interviews</source>
        <translation>今日面试</translation>
    </message>
    <message>
        <source>answer due {0}</source>
        <translation>答复截止 {0}</translation>
    </message>
    <message>
        <source>request #{0}, due {1} (Archive → Personal-data requests)</source>
        <translation>请求 #{0}，答复期限 {1}（档案 → 个人信息请求）</translation>
    </message>
    <message>
        <source>change request #{0}</source>
        <translation>变更申请 #{0}</translation>
    </message>
    <message>
        <source>High no-show risk — call ahead</source>
        <translation>爽约风险较高 — 建议提前电话确认</translation>
    </message>
    <message>
        <source>Waiting for my approval</source>
        <translation>待我审批</translation>
    </message>
    <message>
        <source>No open follow-up tasks.</source>
        <translation>暂无待办事项。</translation>
    </message>
    <message>
        <source>My alerts</source>
        <translation>我的提醒</translation>
    </message>
    <message>
        <source>My follow-up tasks</source>
        <translation>我的待办</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>共 %n 场</numerusform>
        </translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Waiting for my approval: {0} →</source>
        <translation>待我审批：{0} 项 →</translation>
    </message>
    <message>
        <source>{0} {1} ({2}): {3}</source>
        <translation>{0} {1}（爽约风险 {2}）：{3}</translation>
    </message>
    <message>
        <source>Call these candidates ahead to confirm they are coming.</source>
        <translation>请提前致电以上候选人，确认能否按时到场。</translation>
    </message>
    <message>
        <source>Book the next round</source>
        <translation>安排下一轮</translation>
    </message>
</context>
<context>
    <name>TodayTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Position · round</source>
        <translation>岗位 · 轮次</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>面试官</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No-show risk</source>
        <translation>爽约风险</translation>
    </message>
    <message>
        <source>Video meeting</source>
        <translation>视频面试</translation>
    </message>
</context>
<context>
    <name>UndoCheckInDialog</name>
    <message>
        <source>Undo check-in</source>
        <translation>撤销签到</translation>
    </message>
    <message>
        <source>Undo the check-in of {0} ({1})? The candidate is expected again.</source>
        <translation>撤销 {0}（{1}）的签到？撤销后候选人恢复为待到场。</translation>
    </message>
    <message>
        <source>Reason, e.g. checked in the wrong candidate</source>
        <translation>原因，例如：签错了候选人</translation>
    </message>
    <message>
        <source>The reason is kept on the interview&apos;s timeline.</source>
        <translation>原因会记入该面试的时间线。</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Opening the database with this computer&apos;s key store…</source>
        <translation>正在用本机密钥存储打开数据库…</translation>
    </message>
    <message>
        <source>Use the recovery key instead</source>
        <translation>改用恢复密钥</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>数据库口令</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Open the database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>{0} Enter the database passphrase, or use the recovery key.</source>
        <translation>{0}请输入数据库口令，或使用恢复密钥。</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>所属部门</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Key created</source>
        <translation>密钥生成时间</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {0}</source>
        <translation>锁定至 {0}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>at next sign-in</source>
        <translation>下次登录时生成</translation>
    </message>
    <message>
        <source>Key id {0}</source>
        <translation>密钥标识 {0}</translation>
    </message>
    <message>
        <source>No signing key yet: it is made when the user signs in with their own password.</source>
        <translation>尚无签名密钥：用户以本人密码登录时生成。</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Issue new signing key…</source>
        <translation>签发新签名密钥…</translation>
    </message>
    <message>
        <source>Retire the user&apos;s signing key: it still verifies what it signed, signs nothing more, and the user gets a new key at the next sign-in.</source>
        <translation>停用该用户的签名密钥：已签内容仍可验证，但不再用于签名；用户下次登录时获得新密钥。</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <source>The password of {0} ({1}) was reset. Give them this temporary password; at their next sign-in they must choose their own:</source>
        <translation>{0} ({1}) 的密码已重置。请将以下临时密码告知本人；下次登录时须设置自己的密码：</translation>
    </message>
    <message>
        <source>Issue new signing key</source>
        <translation>签发新签名密钥</translation>
    </message>
    <message>
        <source>Retire the signing key of {0} ({1}), key id {2}? What it signed stays verifiable; it signs nothing more. {0} gets a new key at the next sign-in; until then their decisions are not signed.</source>
        <translation>停用 {0}（{1}）的签名密钥（标识 {2}）？已签内容仍可验证，但不再用于签名。{0} 下次登录时获得新密钥，在此之前其审批决定不带签名。</translation>
    </message>
    <message>
        <source>Retire and issue new key</source>
        <translation>停用并签发新密钥</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ValidatedForm</name>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>未保存。请修改标出的内容。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify archive package</source>
        <translation>校验档案包</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>ZIP file…</source>
        <translation>ZIP 文件…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>档案包</translation>
    </message>
    <message>
        <source>Every file is checked against the manifest, every metadata record against its PDF and every signed decision against its signed text and the signer&apos;s public key. The database is not needed.</source>
        <translation>逐个核对：每个文件与清单、每条元数据与其 PDF、每项签批与被签名原文及签批人公钥。无需数据库。</translation>
    </message>
    <message>
        <source>Package folder</source>
        <translation>档案包文件夹</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>档案包文件</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Choose a package folder or .zip file.</source>
        <translation>请选择档案包文件夹或 .zip 文件。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Package OK: {0} dossiers, {1} files and {2} signatures checked.
Package digest (SHA-256 of its manifest): {3}</source>
        <translation>档案包校验通过：已核对 {0} 份档案、{1} 个文件、{2} 个签名。
整包摘要（清单的 SHA-256）：{3}</translation>
    </message>
    <message>
        <source>The package failed its check: {0}</source>
        <translation>档案包校验未通过：{0}</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw offer</source>
        <translation>撤回录用通知</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Kept on the application&apos;s timeline</source>
        <translation>记录在应聘的时间线上</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应聘</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
</context>
</TS>
