<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/ui/messages.py" line="17" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="17" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="17" />
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="17" />
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="18" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="18" />
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="18" />
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="19" />
        <source>School</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="19" />
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="19" />
        <source>Years of experience</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="20" />
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="20" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="20" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="21" />
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="21" />
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="21" />
        <source>Minimum years</source>
        <translation>最低工作年限</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="22" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="22" />
        <source>Closing date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="22" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="23" />
        <source>Display name</source>
        <translation>显示名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="23" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="23" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="24" />
        <source>Applications</source>
        <translation>应聘记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="24" />
        <source>Personal fields</source>
        <translation>个人信息字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="31" />
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="32" />
        <source>is too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="33" />
        <source>is out of range</source>
        <translation>超出允许范围</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="34" />
        <source>is not one of the allowed choices</source>
        <translation>不是允许的选项</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="35" />
        <source>may only contain digits, spaces, dashes and a leading +86</source>
        <translation>只能包含数字、空格、短横线以及开头的 +86</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="36" />
        <source>is not a valid mobile number (11 digits starting with 13–19)</source>
        <translation>不是有效的手机号（以 13–19 开头的 11 位数字）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="37" />
        <source>is not a valid phone number (mobile, or area code and number)</source>
        <translation>不是有效的电话号码（手机号，或区号加号码）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="38" />
        <source>is not a valid e-mail address</source>
        <translation>不是有效的电子邮箱地址</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="39" />
        <source>must have 18 characters</source>
        <translation>必须为 18 位</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="40" />
        <source>must be 17 digits followed by a digit or X</source>
        <translation>前 17 位必须为数字，最后一位为数字或 X</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="41" />
        <source>contains an impossible date of birth</source>
        <translation>中的出生日期不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="42" />
        <source>has a wrong check digit; please check the number again</source>
        <translation>校验位不正确，请再核对一遍号码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="43" />
        <source>may only contain letters, digits, - and _ (at most 32)</source>
        <translation>只能包含字母、数字、- 和 _（最多 32 位）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="44" />
        <source>must not be empty or contain spaces</source>
        <translation>不能为空，也不能包含空格</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="45" />
        <source>is before the opening date</source>
        <translation>早于开放日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="46" />
        <source>exist; withdraw them before deleting the candidate</source>
        <translation>仍存在；请先撤回应聘记录再删除候选人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="47" />
        <source>is not a personal field</source>
        <translation>不是个人信息字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="53" />
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="62" />
        <source>Please correct the following:</source>
        <translation>请修改以下内容：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="64" />
        <source>Wrong passphrase, or the file is damaged; restore from backup.</source>
        <translation>口令错误，或数据库文件已损坏；请从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="66" />
        <source>The key file next to the database ({0}) is missing. Restore it from the backup together with the database.</source>
        <translation>数据库旁的密钥文件（{0}）缺失。请从备份中将它与数据库一起恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="69" />
        <source>No database at this location. Create one with “interviewdesk init” or in the first-run dialog.</source>
        <translation>此位置没有数据库。请用“interviewdesk init”或首次运行向导创建。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="72" />
        <source>A database already exists there; nothing was changed.</source>
        <translation>该位置已存在数据库；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="74" />
        <source>The database file is on a network share. SQLite files on network shares get corrupted, so this is refused. For several HR officers, use server (LAN) mode: interviewdesk --db-url postgresql://server/database …</source>
        <translation>数据库文件位于网络共享上。网络共享上的 SQLite 文件容易损坏，因此拒绝使用。多名人事专员共用时，请使用服务器（局域网）模式：interviewdesk --db-url postgresql://服务器/数据库 …</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="78" />
        <source>The database server did not answer. Check the address, the network and that the server is running.</source>
        <translation>数据库服务器无响应。请检查地址、网络以及服务器是否在运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="81" />
        <source>This database was written by a newer version of InterviewDesk. Install that version; nothing was changed.</source>
        <translation>此数据库由更新版本的面试协同台写入。请安装该版本；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="84" />
        <source>The backup failed its checks ({0}); nothing was replaced.</source>
        <translation>备份未通过校验（{0}）；未替换任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="86" />
        <source>Someone else saved this record in the meantime. Your changes were not saved; reload the record and make them again.</source>
        <translation>在此期间其他人已保存了这条记录。您的修改未保存；请重新加载记录后再修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="91" />
        <source>{0} is already in use.</source>
        <translation>{0}已被使用。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="92" />
        <source>This record already exists.</source>
        <translation>该记录已存在。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="94" />
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="96" />
        <source>You do not have permission for this action.</source>
        <translation>您没有执行此操作的权限。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="99" />
        <source>Wrong user name or password. {0} attempt(s) left before the account is locked.</source>
        <translation>用户名或密码错误。再错 {0} 次账户将被锁定。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="101" />
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="103" />
        <source>Too many failed attempts: the account is locked. Try again later or ask the administrator to unlock it.</source>
        <translation>失败次数过多，账户已锁定。请稍后再试，或联系系统管理员解锁。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="106" />
        <source>This account is disabled. Ask the administrator.</source>
        <translation>此账户已停用。请联系系统管理员。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="109" />
        <source>Too weak: use at least two kinds of characters (letters, digits, symbols).</source>
        <translation>强度不足：请至少使用两类字符（字母、数字、符号）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="110" />
        <source>Too short: use at least {0} characters.</source>
        <translation>太短：请至少使用 {0} 个字符。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="112" />
        <source>Unknown setting: {0}</source>
        <translation>未知的设置项：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="117" />
        <source>{0}: choose one of {1}.</source>
        <translation>{0}：请从 {1} 中选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="119" />
        <source>{0}: the value is out of range (limit {1}).</source>
        <translation>{0}：取值超出范围（限值 {1}）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="121" />
        <source>{0} is stored in the database; open the database first.</source>
        <translation>{0} 保存在数据库中；请先打开数据库。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="123" />
        <source>The settings file could not be read: {0}</source>
        <translation>无法读取设置文件：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="124" />
        <source>{0}: the value has the wrong format.</source>
        <translation>{0}：取值格式不正确。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="126" />
        <source>The operation failed ({0}).</source>
        <translation>操作失败（{0}）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="127" />
        <source>An unexpected error occurred. Your data is safe; details can be copied for the IT office.</source>
        <translation>发生了意外错误。您的数据是安全的；可复制详细信息发给信息科。</translation>
    </message>
</context>
</TS>