# Access operator on arrays, hashes, strings and facts.
$list = ['a', 'b', 'c', 'd']
$hash = { 'k' => { 'nested' => ['x', 'y'] }, 'n' => 1 }
$text = 'pacemaker'

notify { 'access':
  message => [
    $list[0], $list[-1], $list[1, 2], $list[2, -1],
    $hash['k']['nested'][1], $hash['missing'],
    $text[0], $text[0, 4], $text[-5, 5],
    $facts['os']['release']['major'], $::os['family'], $facts['networking']['interfaces']['eth1']['ip'],
  ],
}
